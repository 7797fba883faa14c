package horizon.simulator.connectwise.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of each served model and their JSON kinds (string, integer, number, boolean, datetime, reference, array,
 * object), from ConnectWise's API description of version 2026.4; conditions, orderBy and PATCH paths are checked
 * against them.
 */
public final class Models {
    private static final Models INSTANCE = load();

    private final Map<Kind, Map<String, String>> fields;
    private final Map<Kind, Map<String, String>> byLowerCase;

    private Models(Map<Kind, Map<String, String>> fields) {
        this.fields = fields;
        this.byLowerCase = new EnumMap<>(Kind.class);
        fields.forEach((kind, map) -> {
            Map<String, String> lower = new LinkedHashMap<>();
            map.keySet().forEach(name -> lower.put(name.toLowerCase(Locale.ROOT), name));
            byLowerCase.put(kind, lower);
        });
    }

    public static Models get() {
        return INSTANCE;
    }

    /** Field name → JSON kind, in the description's order. */
    public Map<String, String> fields(Kind kind) {
        return fields.get(kind);
    }

    /** The field as the model spells it, matched ignoring case. */
    public Optional<String> field(Kind kind, String name) {
        return Optional.ofNullable(byLowerCase.get(kind).get(name.toLowerCase(Locale.ROOT)));
    }

    private static Models load() {
        try (InputStream in = Models.class.getResourceAsStream("/horizon/simulator/connectwise/fields.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Map<Kind, Map<String, String>> fields = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                Map<String, String> map = new LinkedHashMap<>();
                root.get(kind.model()).properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
                fields.put(kind, Collections.unmodifiableMap(map));
            }
            return new Models(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
