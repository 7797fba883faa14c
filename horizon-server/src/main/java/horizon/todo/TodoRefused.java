package horizon.todo;

import java.util.Locale;

/** A todo request Horizon will not carry out, with a message written for the person who made it. */
public class TodoRefused extends RuntimeException {

    /** Why, and the HTTP status the API answers with. */
    public enum Reason {
        /** The input is incomplete or out of range; {@link #field()} names it. */
        INVALID(422),
        /** No such todo, ticket or user in the caller's account. */
        NOT_FOUND(404),
        /** The todo changed since the version the change was made on. */
        CONFLICT(409),
        /** The caller's role does not allow it (another agent's calendar, the team view). */
        FORBIDDEN(403);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The API's error code: invalid, not_found, conflict, forbidden. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String field;

    TodoRefused(Reason reason, String message) {
        this(reason, null, message);
    }

    TodoRefused(Reason reason, String field, String message) {
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
