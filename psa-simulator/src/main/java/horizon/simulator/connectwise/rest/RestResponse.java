package horizon.simulator.connectwise.rest;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A REST answer: status, JSON body (null for 204) and headers such as Link. */
public record RestResponse(int status, JsonNode body, Map<String, String> headers) {
    public static RestResponse ok(JsonNode body) {
        return new RestResponse(200, body, Map.of());
    }

    public static RestResponse created(JsonNode body) {
        return new RestResponse(201, body, Map.of());
    }

    public static RestResponse noContent() {
        return new RestResponse(204, null, Map.of());
    }
}
