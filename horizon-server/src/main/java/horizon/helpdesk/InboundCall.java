package horizon.helpdesk;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call to {@code /hooks/{psa}/{accountKey}} exactly as it arrived: the raw body (never re-serialized: signatures
 * are over these bytes), the headers by lower-case name, and the query parameters.
 */
public record InboundCall(byte[] body, Map<String, String> headers, Map<String, String> query) {

    public InboundCall {
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        query = Map.copyOf(query);
    }

    /** The header's value, or null; names are case-insensitive. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
