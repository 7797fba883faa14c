package horizon.simulator.autotask.http;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A status and a JSON body, written by the server exactly as Autotask would. */
public record ApiResponse(int status, JsonNode body) {

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    /** Autotask's usual error shape: {@code {"errors": ["..."]}}. */
    public static ApiResponse errors(int status, String... messages) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var array = body.putArray("errors");
        List.of(messages).forEach(array::add);
        return new ApiResponse(status, body);
    }
}
