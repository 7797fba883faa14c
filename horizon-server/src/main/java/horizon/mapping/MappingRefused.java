package horizon.mapping;

/** A mapping change Horizon will not make, with the reason in words an admin can act on. */
public class MappingRefused extends RuntimeException {

    /** Why; the REST API turns each into a status code. */
    public enum Reason {
        /** No live helpdesk user with that id in the account's mirror (404). */
        HELPDESK_USER_UNKNOWN,
        /** No Horizon user with that id in the account (404 on the page, 400 in a request body). */
        HORIZON_USER_UNKNOWN,
        /** The Horizon user is already bound to another helpdesk user (409). */
        HORIZON_USER_TAKEN,
        /** The request cannot be carried out as asked: no suggestion, no e-mail, already mapped (409). */
        NOT_APPLICABLE,
        /** Input was missing or malformed (400). */
        INVALID
    }

    private final Reason reason;

    public MappingRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
