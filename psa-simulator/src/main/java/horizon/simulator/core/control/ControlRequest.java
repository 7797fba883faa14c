package horizon.simulator.core.control;

import com.sun.net.httpserver.HttpExchange;
import horizon.simulator.core.http.Incoming;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call of a simulator's control API ({@code /_sim/...}) as every simulator reads and answers it: the path after
 * {@code _sim}, the JSON body (an empty object when there is none), the query, and a route key such as
 * {@code "POST tickets /notes"} for {@code POST /_sim/tickets/5/notes}.
 *
 * @param method upper-case HTTP method
 * @param path   decoded segments after {@code _sim}
 * @param body   the JSON body, or an empty object
 * @param query  decoded query parameters, keys in lower case
 */
public record ControlRequest(String method, List<String> path, JsonNode body, Map<String, String> query) {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public static ControlRequest read(HttpExchange exchange) throws IOException {
        List<String> path = new ArrayList<>();
        for (String s : exchange.getRequestURI().getRawPath().split("/")) {
            if (!s.isEmpty()) {
                path.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        path.remove(0); // _sim
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? JsonNodeFactory.instance.objectNode() : MAPPER.readTree(raw);
        return new ControlRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), List.copyOf(path), body,
                Incoming.parseQuery(exchange.getRequestURI().getRawQuery()));
    }

    /** The first segment in lower case, e.g. {@code tickets}; empty for the index. */
    public String first() {
        return path.isEmpty() ? "" : path.get(0).toLowerCase(Locale.ROOT);
    }

    /**
     * {@code "METHOD first"}, then {@code " id"} when one more segment follows, or {@code " /third"} when two or more
     * do: {@code "GET state"}, {@code "PATCH tickets id"}, {@code "POST tickets /notes"}.
     */
    public String routeKey() {
        return method + " " + first() + (path.size() > 2 ? " /" + path.get(2).toLowerCase(Locale.ROOT)
                : path.size() == 2 ? " id" : "");
    }

    /** The number at a path position, or a 400 naming what is missing. */
    public long id(int index) {
        if (path.size() <= index) {
            throw new IllegalArgumentException("an id is missing in the path");
        }
        return Long.parseLong(path.get(index));
    }

    /** The body (or a part of it) as field name → value, for the simulators' change methods. */
    public static Map<String, Object> fields(JsonNode node) {
        return MAPPER.convertValue(node, MAP);
    }

    public Map<String, Object> fields() {
        return fields(body);
    }

    /** {@code {"id": n}}, the answer to a create. */
    public static ObjectNode created(long id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    /** {@code {"error": message}}. */
    public static ObjectNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message == null ? "error" : message);
    }

    /** Writes a JSON answer. */
    public static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
