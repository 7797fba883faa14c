package horizon.simulator.connectwise.rest;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A REST answer: status, JSON body (null for 204) and headers such as Link.
 *
 * @param json the body already written as JSON, when the answer had it at hand (a page of whole stored records);
 *             null when the body is to be written from {@code body}
 */
public record RestResponse(int status, JsonNode body, Map<String, String> headers, byte[] json) {
    public RestResponse(int status, JsonNode body, Map<String, String> headers) {
        this(status, body, headers, null);
    }

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
