package horizon.ticket;

/** A query parameter of the read API that cannot be used; answered 400 with the message. */
class InvalidQuery extends RuntimeException {

    InvalidQuery(String message) {
        super(message);
    }
}
