package horizon.helpdesk;

import java.util.List;
import java.util.Optional;

/**
 * A PSA call that did not work, classified so callers know whether trying again can help and what to tell the admin.
 * Every adapter maps each of its PSA's answers to one {@link Kind}; the {@link #title()} may be more precise (Autotask's
 * "Secret wrong" and ConnectWise's "Keys rejected" are both {@link Kind#AUTHENTICATION}).
 *
 * <p>The message is written for a human: it says what went wrong in the admin's terms and, when the PSA gave a reason,
 * quotes it. It never contains a credential.
 */
public class HelpdeskException extends RuntimeException {

    /** Why a PSA call failed; each kind is either retriable (try later) or permanent (someone must change something). */
    public enum Kind {
        /** Fields blank or malformed; no call was made. */
        INVALID_CREDENTIALS("Credentials incomplete", false, true),
        /** The stored envelope does not open with this node's master key; no call was made. */
        CREDENTIALS_UNREADABLE("Stored credentials unreadable", false, true),
        /** The PSA did not accept who Horizon says it is. */
        AUTHENTICATION("Credentials rejected", false, true),
        /** The PSA knows the caller but its role or security level lacks a right. */
        PERMISSION("Permission missing", false, true),
        /** The tenant or record asked for does not exist. */
        NOT_FOUND("Not found", false, false),
        /** The record changed or exists already; the write must be looked at again. */
        CONFLICT("Conflict", false, false),
        /** The PSA refused the request as malformed or against its rules. */
        VALIDATION("Request rejected", false, false),
        /** Too many requests; the PSA or Horizon's own share says wait. */
        RATE_LIMITED("Rate limited", true, false),
        /** Anything that may work later: a 5xx, a timeout, a refused connection, a cut-off answer. */
        TRANSIENT("Helpdesk error", true, false);

        private final String title;
        private final boolean retriable;
        private final boolean stopsConnection;

        Kind(String title, boolean retriable, boolean stopsConnection) {
            this.title = title;
            this.retriable = retriable;
            this.stopsConnection = stopsConnection;
        }

        /** The heading used when the adapter gives no more precise one. */
        public String title() {
            return title;
        }

        public boolean retriable() {
            return retriable;
        }

        /**
         * Whether nothing the connection does can work until someone changes something (the credentials, the API
         * user's rights, the master key): its scheduled work stops until the credentials change or a test succeeds.
         */
        public boolean stopsConnection() {
            return stopsConnection;
        }
    }

    private final Kind kind;
    private final String title;
    private final String psaMessage;
    private final int httpStatus;
    private final List<String> steps;
    private final List<CredentialField.Problem> fieldProblems;

    private HelpdeskException(Kind kind, String title, String message, String psaMessage, int httpStatus,
                              List<String> steps, List<CredentialField.Problem> fieldProblems, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.title = title == null ? kind.title() : title;
        this.psaMessage = psaMessage;
        this.httpStatus = httpStatus;
        this.steps = List.copyOf(steps);
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    /** A failure answered by the PSA over HTTP. */
    public static HelpdeskException answered(Kind kind, String message, int httpStatus, String psaMessage) {
        return new HelpdeskException(kind, null, message, psaMessage, httpStatus, List.of(), List.of(), null);
    }

    /** A failure answered by the PSA, with the steps the admin takes in the PSA to fix it. */
    public static HelpdeskException answered(Kind kind, String message, int httpStatus, String psaMessage,
                                             List<String> steps) {
        return new HelpdeskException(kind, null, message, psaMessage, httpStatus, steps, List.of(), null);
    }

    /**
     * A 2xx answer without what a list or count request must hold (a gateway's or a faulty release's empty success):
     * TRANSIENT, never an empty answer, so no caller reads it as "nothing matches" and lets go of records.
     *
     * @param psa  the PSA's name, e.g. "Autotask"
     * @param path what was asked
     * @param what what the answer lacks, e.g. "a list of items"
     * @param body the answer, shown cut to 200 characters
     */
    public static HelpdeskException successWithout(String psa, String path, String what, String body) {
        String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return answered(Kind.TRANSIENT, psa + " answered " + path + " with success but without " + what
                + "; Horizon does not take that for an empty answer and will ask again.", 200, shown);
    }

    /** A failure before or instead of an answer: timeout, refused connection, unknown host, a cut-off body. */
    public static HelpdeskException transport(Kind kind, String message, Throwable cause) {
        return new HelpdeskException(kind, null, message, null, 0, List.of(), List.of(), cause);
    }

    /** A failure on Horizon's side before any call, e.g. stored credentials that no longer open. */
    public static HelpdeskException local(Kind kind, String message, Throwable cause) {
        return new HelpdeskException(kind, null, message, null, 0, List.of(), List.of(), cause);
    }

    /** Fields blank or malformed; no call was made. */
    public static HelpdeskException invalidFields(List<CredentialField.Problem> problems) {
        boolean allBlank = problems.stream().allMatch(p -> p.message().endsWith(" is empty"));
        String message = allBlank
                ? "Fill in " + joinLabels(problems.stream().map(CredentialField.Problem::label).toList())
                + " before testing the connection."
                : "Correct the fields marked below before testing the connection.";
        return new HelpdeskException(Kind.INVALID_CREDENTIALS, allBlank ? null : "Credentials malformed", message,
                null, 0, List.of(), problems, null);
    }

    /** The same failure under a more precise heading, e.g. "Secret wrong" for an {@link Kind#AUTHENTICATION}. */
    public HelpdeskException titled(String heading) {
        HelpdeskException copy = new HelpdeskException(kind, heading, getMessage(), psaMessage, httpStatus, steps,
                fieldProblems, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public Kind kind() {
        return kind;
    }

    /** A short heading for the admin, e.g. "Secret wrong" or "Site unreachable". */
    public String title() {
        return title;
    }

    public boolean retriable() {
        return kind.retriable();
    }

    /** The PSA's own words, when it gave any. */
    public Optional<String> psaMessage() {
        return Optional.ofNullable(psaMessage);
    }

    /** The HTTP status of the PSA's answer; 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** What the admin does in the PSA to fix a permanent failure; empty when the message says it all. */
    public List<String> steps() {
        return steps;
    }

    /** For {@link Kind#INVALID_CREDENTIALS}: each field that is blank or malformed. */
    public List<CredentialField.Problem> fieldProblems() {
        return fieldProblems;
    }

    private static String joinLabels(List<String> labels) {
        if (labels.size() <= 1) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }
}
