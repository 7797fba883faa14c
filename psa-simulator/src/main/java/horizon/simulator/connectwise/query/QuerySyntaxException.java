package horizon.simulator.connectwise.query;

/**
 * A {@code conditions}, {@code childConditions}, {@code customFieldConditions} or {@code orderBy} parameter ConnectWise
 * rejects; the API answers 400 with the message.
 *
 * <p>No public record of ConnectWise's own wording for a rejected conditions string turned up (GitHub issues, code
 * and web pages were searched), so the text is our own, in the plain style of its validation messages ("ticket
 * object is invalid"): the parameter, what was expected, and where, by 1-based position in the parameter.
 */
public final class QuerySyntaxException extends RuntimeException {
    private final String parameter;
    private final int position;

    QuerySyntaxException(String parameter, String detail, int position) {
        super("Invalid " + parameter + ": " + detail + ".", null, false, false);
        this.parameter = parameter;
        this.position = position;
    }

    /** The rejection of a field path the entity does not have, for the API layer, which knows the entity's fields. */
    public static QuerySyntaxException unknownField(String parameter, String path) {
        return new QuerySyntaxException(parameter, "unknown field '" + path + "'", 0);
    }

    /** The query parameter at fault: conditions, childConditions, customFieldConditions or orderBy. */
    public String parameter() {
        return parameter;
    }

    /** The 1-based character position of the fault in the parameter, 0 when it concerns the parameter as a whole. */
    public int position() {
        return position;
    }
}
