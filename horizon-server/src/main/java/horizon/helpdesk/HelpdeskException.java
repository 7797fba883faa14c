package horizon.helpdesk;

import java.util.List;
import java.util.Optional;

/**
 * A PSA call that did not work, classified so callers know whether trying again can help and what to tell the admin.
 *
 * <p>The message is written for a human: it says what went wrong in the admin's terms and, when the PSA gave a reason,
 * quotes it. It never contains a credential.
 */
public class HelpdeskException extends RuntimeException {

    /** Why a PSA call failed; each kind is either retriable (try later) or permanent (someone must change something). */
    public enum Kind {
        INCOMPLETE_CREDENTIALS("Credentials incomplete", false),
        CREDENTIALS_UNREADABLE("Stored credentials unreadable", false),
        USER_NOT_FOUND("API user not found", false),
        SECRET_REJECTED("Secret wrong", false),
        INTEGRATION_CODE_REJECTED("Integration code rejected", false),
        PERMISSION_MISSING("Permission missing", false),
        PSA_REJECTED("Request rejected", false),
        RATE_LIMITED("Rate limited", true),
        PSA_ERROR("Helpdesk error", true),
        TIMEOUT("Timed out", true),
        UNREACHABLE("Helpdesk unreachable", true);

        private final String title;
        private final boolean retriable;

        Kind(String title, boolean retriable) {
            this.title = title;
            this.retriable = retriable;
        }

        /** A short heading for the admin, e.g. "Secret wrong". */
        public String title() {
            return title;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final String psaMessage;
    private final int httpStatus;
    private final List<String> steps;
    private final List<String> missingFields;

    private HelpdeskException(Kind kind, String message, String psaMessage, int httpStatus, List<String> steps,
                              List<String> missingFields, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.psaMessage = psaMessage;
        this.httpStatus = httpStatus;
        this.steps = List.copyOf(steps);
        this.missingFields = List.copyOf(missingFields);
    }

    /** A failure answered by the PSA over HTTP. */
    public static HelpdeskException answered(Kind kind, String message, int httpStatus, String psaMessage) {
        return new HelpdeskException(kind, message, psaMessage, httpStatus, List.of(), List.of(), null);
    }

    /** A failure answered by the PSA, with the steps the admin takes in the PSA to fix it. */
    public static HelpdeskException answered(Kind kind, String message, int httpStatus, String psaMessage,
                                             List<String> steps) {
        return new HelpdeskException(kind, message, psaMessage, httpStatus, steps, List.of(), null);
    }

    /** A failure before or instead of an answer: timeout, refused connection, unknown host. */
    public static HelpdeskException transport(Kind kind, String message, Throwable cause) {
        return new HelpdeskException(kind, message, null, 0, List.of(), List.of(), cause);
    }

    /** A failure on Horizon's side before any call, e.g. stored credentials that no longer open. */
    public static HelpdeskException local(Kind kind, String message, Throwable cause) {
        return new HelpdeskException(kind, message, null, 0, List.of(), List.of(), cause);
    }

    /** Fields the admin left blank; no call was made. */
    public static HelpdeskException incomplete(List<String> missingFields) {
        String message = "Fill in " + joinLabels(missingFields) + " before testing the connection.";
        return new HelpdeskException(Kind.INCOMPLETE_CREDENTIALS, message, null, 0, List.of(), missingFields, null);
    }

    public Kind kind() {
        return kind;
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

    /** For {@link Kind#INCOMPLETE_CREDENTIALS}: the labels of the blank fields. */
    public List<String> missingFields() {
        return missingFields;
    }

    private static String joinLabels(List<String> labels) {
        if (labels.size() <= 1) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }
}
