package horizon.simulator.autotask.webhook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A JSON object read the way ASP.NET binds it: keys ignore case, so {@code WebhookUrl}, {@code webhookUrl} and
 * {@code WEBHOOKURL} are one field; booleans and numbers are also accepted as strings.
 */
final class RequestBody {
    private final Map<String, JsonNode> byLowerKey;

    private RequestBody(Map<String, JsonNode> byLowerKey) {
        this.byLowerKey = byLowerKey;
    }

    static RequestBody of(JsonNode node) {
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                keys.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
            }
        }
        return new RequestBody(keys);
    }

    boolean has(String key) {
        return byLowerKey.containsKey(key.toLowerCase(Locale.ROOT));
    }

    /** The value under {@code key}, absent when missing or JSON null. */
    Optional<JsonNode> get(String key) {
        JsonNode value = byLowerKey.get(key.toLowerCase(Locale.ROOT));
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<String> string(String key) {
        return get(key).filter(value -> value.isValueNode()).map(JsonNode::asString);
    }

    /** A boolean; a value that is not one is reported as {@link IllegalArgumentException} with Autotask's wording. */
    Optional<Boolean> bool(String key) {
        return get(key).map(value -> {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isNumber()) {
                return value.intValue() != 0;
            }
            String text = value.asString().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException("Error converting value \"" + text + "\" to type 'System.Boolean'. Path '"
                    + key + "'.");
        });
    }

    /** A whole number; anything else is reported as {@link IllegalArgumentException} with Autotask's wording. */
    Optional<Long> number(String key) {
        return get(key).map(value -> {
            if (value.isIntegralNumber()) {
                return value.longValue();
            }
            try {
                return Long.parseLong(value.asString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Could not convert string to integer: " + value.asString()
                        + ". Path '" + key + "'.");
            }
        });
    }
}
