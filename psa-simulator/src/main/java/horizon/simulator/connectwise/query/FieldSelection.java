package horizon.simulator.connectwise.query;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code fields} parameter ({@code id,summary,board/name,_info/lastUpdated}), ConnectWise's partial
 * response: each record of a page keeps only those paths, a reference only the children asked for
 * ({@code board/name} gives {@code {"board":{"name":…}}}), in the record's own order and spelling. Paths a record
 * does not have are silently left out, as ConnectWise does.
 */
public final class FieldSelection {
    private static final FieldSelection ALL = new FieldSelection(null);

    /** The selected names below one object, by lower-case name; {@code whole} keeps the value entire. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        // what child() answered for each spelling met: records share their property names, so a page's records are
        // matched without lower-casing every name of every record (a selection serves one request, on one thread)
        final Map<String, Node> bySpelling = new HashMap<>();
        boolean whole;

        /** The selected child for a property name as a record spells it, matched ignoring case; null if none. */
        Node child(String name) {
            Node found = bySpelling.get(name);
            if (found == null) {
                found = children.getOrDefault(name.toLowerCase(Locale.ROOT), NOT_SELECTED);
                bySpelling.put(name, found);
            }
            return found == NOT_SELECTED ? null : found;
        }
    }

    private static final Node NOT_SELECTED = new Node();

    private final Node root;

    private FieldSelection(Node root) {
        this.root = root;
    }

    /** Parses the parameter; null or blank keeps every field. */
    public static FieldSelection parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return ALL;
        }
        Node root = new Node();
        paths:
        for (String path : fields.split(",")) {
            if (path.isBlank()) {
                continue;
            }
            Node node = root;
            for (String segment : path.strip().split("/")) {
                node = node.children.computeIfAbsent(segment.strip().toLowerCase(Locale.ROOT), s -> new Node());
                if (node.whole) {
                    continue paths; // board/name after board: the whole board is kept already
                }
            }
            node.whole = true;
            node.children.clear(); // board after board/name: keep the whole board
        }
        return new FieldSelection(root);
    }

    public boolean keepsEverything() {
        return root == null;
    }

    /** The record cut down to the selected paths: a new node, or {@code record} itself when everything is kept. */
    public ObjectNode apply(ObjectNode record) {
        return root == null ? record : select(record, root);
    }

    private static ObjectNode select(ObjectNode object, Node node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            Node below = node.child(e.getKey());
            if (below == null) {
                continue;
            }
            JsonNode kept = below.whole ? e.getValue().deepCopy() : selectBelow(e.getValue(), below);
            if (kept != null) {
                out.set(e.getKey(), kept);
            }
        }
        return out;
    }

    /** The selected children of an object, or of each object in an array; null when nothing selected is there. */
    private static JsonNode selectBelow(JsonNode value, Node node) {
        if (value instanceof ObjectNode object) {
            ObjectNode kept = select(object, node);
            return kept.isEmpty() ? null : kept;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : array) {
                JsonNode selected = selectBelow(element, node);
                kept.add(selected == null ? JsonNodeFactory.instance.objectNode() : selected);
            }
            return kept;
        }
        return null;
    }
}
