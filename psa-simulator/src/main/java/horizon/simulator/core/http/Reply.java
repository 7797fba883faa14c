package horizon.simulator.core.http;

import horizon.simulator.core.fault.FaultRule;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a simulated PSA answers to one request, before it goes on the wire.
 *
 * @param endpoint    label for the counters and the request log (e.g. Tickets, service/tickets)
 * @param status      HTTP status
 * @param contentType Content-Type header
 * @param body        exact bytes of the body
 * @param headers     further response headers (Link, Retry-After...)
 * @param committed   whether the request wrote something the PSA keeps, whatever the client then receives
 * @param fault       an aimed fault to apply while sending, or null for a faithful answer
 */
public record Reply(String endpoint, int status, String contentType, byte[] body, Map<String, String> headers,
                    boolean committed, FaultRule fault) {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final String JSON = "application/json; charset=utf-8";

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(String endpoint, int status, JsonNode body) {
        return new Reply(endpoint, status, JSON, MAPPER.writeValueAsBytes(body), Map.of(), false, null);
    }

    public static Reply bytes(String endpoint, int status, String contentType, byte[] body) {
        return new Reply(endpoint, status, contentType, body, Map.of(), false, null);
    }

    public static Reply text(String endpoint, int status, String contentType, String body) {
        return bytes(endpoint, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(endpoint, status, contentType, body, more, committed, fault);
    }

    public Reply withCommitted(boolean wrote) {
        return new Reply(endpoint, status, contentType, body, headers, wrote, fault);
    }

    public Reply withFault(FaultRule rule) {
        return new Reply(endpoint, status, contentType, body, headers, committed, rule);
    }

    public Reply withEndpoint(String label) {
        return new Reply(label, status, contentType, body, headers, committed, fault);
    }
}
