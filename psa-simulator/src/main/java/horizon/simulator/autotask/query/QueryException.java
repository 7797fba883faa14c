package horizon.simulator.autotask.query;

/** A query Autotask rejects; the API answers 500 with the message in {@code errors[]}. */
public final class QueryException extends RuntimeException {
    public QueryException(String message) {
        super(message, null, false, false);
    }
}
