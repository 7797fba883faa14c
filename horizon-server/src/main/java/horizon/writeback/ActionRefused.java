package horizon.writeback;

/**
 * An agent action Horizon will not queue, with a message written for the agent. {@link Reason#CONFIRM} is a question,
 * not a refusal: the ticket changed in the PSA since the agent saw it, and the same action sent again with
 * {@code confirm} goes ahead.
 */
public class ActionRefused extends RuntimeException {

    /** Why, and the HTTP status the API answers with. */
    public enum Reason {
        NOT_CONNECTED(409), NOT_FOUND(404), NOT_MAPPED(403), INVALID(422), CONFIRM(409);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;
    private final String field;

    ActionRefused(Reason reason, String message) {
        this(reason, null, message);
    }

    ActionRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The input at fault for {@link Reason#INVALID}, else null. */
    public String field() {
        return field;
    }
}
