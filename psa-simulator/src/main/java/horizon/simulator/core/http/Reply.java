package horizon.simulator.core.http;

import horizon.simulator.core.fault.FaultRule;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * This answer with every date-time of the first record of its list (the body itself when it is an array, else its
     * first array field) replaced by {@code "not a date"}; unchanged when it holds no list of objects.
     */
    public Reply withFirstRecordCorrupted() {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            return this;
        }
        tools.jackson.databind.node.ArrayNode list = root.isArray() ? (tools.jackson.databind.node.ArrayNode) root
                : null;
        if (list == null && root.isObject()) {
            for (var field : root.properties()) {
                if (field.getValue().isArray()) {
                    list = (tools.jackson.databind.node.ArrayNode) field.getValue();
                    break;
                }
            }
        }
        if (list == null || list.isEmpty() || !list.get(0).isObject()) {
            return this;
        }
        corruptDates((tools.jackson.databind.node.ObjectNode) list.get(0));
        return new Reply(endpoint, status, contentType, MAPPER.writeValueAsBytes(root), headers, committed, fault);
    }

    private static void corruptDates(tools.jackson.databind.node.ObjectNode record) {
        for (var field : List.copyOf(record.properties())) {
            JsonNode value = field.getValue();
            if (value.isString() && DATE_TIME.matcher(value.asString()).lookingAt()) {
                record.put(field.getKey(), "not a date");
            } else if (value.isObject()) {
                corruptDates((tools.jackson.databind.node.ObjectNode) value);
            }
        }
    }

    private static final java.util.regex.Pattern DATE_TIME = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    public Reply withEndpoint(String label) {
        return new Reply(label, status, contentType, body, headers, committed, fault);
    }
}
