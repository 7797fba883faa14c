package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored records' JSON, written once per version of a record and reused by every page that serves it whole: a page
 * of 1,000 tickets is then its records' bytes joined, where writing the tree cost milliseconds. The bytes are exactly
 * what the mapper writes for the record, and a compact array is its elements' bytes between brackets, separated by
 * commas, so the answer is the same.
 *
 * <p>It relies on the store's rule that a stored record is never changed in place: a write stores a new object. An
 * entry is used only for the very object it was written from, so a record replaced by a write (or by generated
 * history, which publishes no change) is written afresh; changes also drop their record's entry, so deleted records
 * do not linger.
 */
final class RecordJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private record Entry(ObjectNode record, byte[] json) {
    }

    private final Map<Kind, ConcurrentHashMap<Long, Entry>> written = new EnumMap<>(Kind.class);

    RecordJson(CwStore store) {
        for (Kind kind : Kind.values()) {
            written.put(kind, new ConcurrentHashMap<>());
        }
        store.addListener(change -> written.get(change.kind()).remove(change.id()));
    }

    /** The JSON array of stored records of one collection, each as stored (no field selection). */
    byte[] array(Kind kind, Iterable<JsonNode> records) {
        ConcurrentHashMap<Long, Entry> cache = written.get(kind);
        byte[][] parts = new byte[16][];
        int count = 0;
        int length = 2;
        for (JsonNode node : records) {
            byte[] json = json(cache, (ObjectNode) node);
            if (count == parts.length) {
                parts = Arrays.copyOf(parts, count * 2);
            }
            parts[count++] = json;
            length += json.length + 1;
        }
        byte[] out = new byte[count == 0 ? 2 : length - 1];
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
            at += parts[i].length;
        }
        out[at] = ']';
        return out;
    }

    private static byte[] json(ConcurrentHashMap<Long, Entry> cache, ObjectNode record) {
        JsonNode idNode = record.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
            return MAPPER.writeValueAsBytes(record);
        }
        long id = idNode.longValue();
        Entry entry = cache.get(id);
        if (entry != null && entry.record() == record) {
            return entry.json();
        }
        byte[] json = MAPPER.writeValueAsBytes(record);
        cache.put(id, new Entry(record, json));
        return json;
    }
}
