package horizon.simulator.connectwise.query;

import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code parent/child} field path as clients write it ({@code board/name}, {@code _info/lastUpdated}), resolved
 * against a record ignoring case, as ConnectWise matches field names.
 */
public final class FieldPath {
    private final String text;
    private final String[] segments;
    // The key spelling each segment was found under, learned from the first record that has it. ConnectWise
    // serializes every record with the same property names, so from then on a plain map lookup decides, and a record
    // without that key does not have the field: the case-insensitive scan runs only until the spelling is known.
    // Racy on purpose: a lost write only costs another scan, and Strings are safely published.
    private final String[] spellings;

    private FieldPath(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
        this.spellings = new String[segments.length];
    }

    /** A path from its text; segments are split on {@code /} and not checked. */
    public static FieldPath of(String text) {
        return new FieldPath(text, text.split("/", -1));
    }

    FieldPath rest() {
        String[] rest = Arrays.copyOfRange(segments, 1, segments.length);
        return new FieldPath(String.join("/", rest), rest);
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    public List<String> segments() {
        return List.of(segments);
    }

    int length() {
        return segments.length;
    }

    String segment(int i) {
        return segments[i];
    }

    boolean isTopLevel(String name) {
        return segments.length == 1 && segments[0].equalsIgnoreCase(name);
    }

    /**
     * The value at this path, or null when it is absent or JSON null. A single-segment path the record does not
     * carry falls back to its {@code _info}: "all objects react to the LastUpdated query even if no such field exists
     * in the object format".
     */
    public JsonNode resolve(JsonNode root) {
        JsonNode node = child(root, 0);
        if (node == null && segments.length == 1) {
            node = child(property(root, "_info"), 0);
        }
        for (int i = 1; i < segments.length && node != null; i++) {
            node = child(node, i);
        }
        return node == null || node.isNull() ? null : node;
    }

    private JsonNode child(JsonNode node, int i) {
        if (!(node instanceof ObjectNode object)) {
            return null;
        }
        if (spellings[i] != null) {
            return object.get(spellings[i]);
        }
        for (var e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(segments[i])) {
                spellings[i] = e.getKey();
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonNode property(JsonNode node, String name) {
        return node instanceof ObjectNode object ? object.get(name) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
