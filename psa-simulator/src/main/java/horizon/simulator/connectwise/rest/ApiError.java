package horizon.simulator.connectwise.rest;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A refusal in ConnectWise's error shape, {@code {"code","message","errors":[{"code","message","resource","field"}]}}
 * ({@code errors} is null when there are no field errors), thrown by handlers and answered by the server.
 */
public final class ApiError extends RuntimeException {
    /** One field's fault. */
    public record FieldError(String code, String message, String resource, String field) {
    }

    private final int status;
    private final String code;
    private final List<FieldError> errors;

    public ApiError(int status, String code, String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiError notFound(String label, long id) {
        return new ApiError(404, "NotFound", label + " " + id + " not found");
    }

    /** A 400 for an invalid object with one field error, as ConnectWise answers a failed validation. */
    public static ApiError invalid(String resource, String fieldCode, String message, String field) {
        return new ApiError(400, "InvalidObject", resource + " object is invalid",
                List.of(new FieldError(fieldCode, message, resource, field)));
    }

    public static ApiError endpointDoesNotExist() {
        return new ApiError(404, "ConnectWiseApi", "The endpoint does not exist.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code);
        body.put("message", getMessage());
        if (errors.isEmpty()) {
            body.putNull("errors");
        } else {
            ArrayNode list = body.putArray("errors");
            for (FieldError error : errors) {
                list.addObject().put("code", error.code()).put("message", error.message())
                        .put("resource", error.resource()).put("field", error.field());
            }
        }
        return body;
    }
}
