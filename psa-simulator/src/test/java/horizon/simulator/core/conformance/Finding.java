package horizon.simulator.core.conformance;

/**
 * One complaint of the OpenAPI (or Swagger) validator about an exchange.
 *
 * @param key     the validator's message key, e.g. {@code validation.response.body.schema.type}
 * @param pointer JSON pointer into the request or response body, or "" when the complaint is not about a body
 * @param message the validator's text
 */
public record Finding(String key, String pointer, String message) {

    public boolean aboutRequest() {
        return key.startsWith("validation.request");
    }

    public boolean aboutResponse() {
        return key.startsWith("validation.response");
    }

    @Override
    public String toString() {
        return key + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + message;
    }
}
