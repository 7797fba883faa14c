package horizon.simulator.connectwise.store;

import horizon.simulator.core.SimClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated ConnectWise's records: one id-ordered map per collection, children indexed by their parent. Stored
 * records are never changed in place (a write stores a new object), so readers need no lock; writers take the one
 * store lock, and every applied change is published to the listeners (the callbacks) before the lock is released.
 */
public final class CwStore {
    private final SimClock clock;
    private final Map<Kind, ConcurrentSkipListMap<Long, ObjectNode>> tables = new EnumMap<>(Kind.class);
    private final Map<Kind, ConcurrentHashMap<Long, ConcurrentSkipListMap<Long, ObjectNode>>> byParent =
            new EnumMap<>(Kind.class);
    private final Map<Kind, Long> nextIds = new EnumMap<>(Kind.class);
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    public CwStore(SimClock clock, Map<Kind, Long> firstIds) {
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            tables.put(kind, new ConcurrentSkipListMap<>());
            if (kind.parent().isPresent()) {
                byParent.put(kind, new ConcurrentHashMap<>());
            }
            nextIds.put(kind, firstIds.getOrDefault(kind, 1L));
        }
    }

    public SimClock clock() {
        return clock;
    }

    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** Runs a write under the store lock. */
    public <T> T write(Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    public Optional<ObjectNode> get(Kind kind, long id) {
        return Optional.ofNullable(tables.get(kind).get(id));
    }

    /** All records of a collection, by id. */
    public NavigableMap<Long, ObjectNode> rows(Kind kind) {
        return Collections.unmodifiableNavigableMap(tables.get(kind));
    }

    /** The records of a child collection under one parent, by id. */
    public NavigableMap<Long, ObjectNode> rows(Kind kind, long parentId) {
        ConcurrentSkipListMap<Long, ObjectNode> children = byParent.get(kind).get(parentId);
        return children == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(children);
    }

    public int count(Kind kind) {
        return tables.get(kind).size();
    }

    public long allocateId(Kind kind) {
        synchronized (lock) {
            long id = nextIds.get(kind);
            nextIds.put(kind, id + 1);
            return id;
        }
    }

    /**
     * Stores a new record: gives it an id when it has none and stamps {@code _info} (entered and updated now, by the
     * actor) unless the generator already did. Publishes {@code added}.
     */
    public ObjectNode insert(Kind kind, ObjectNode record, Actor actor) {
        synchronized (lock) {
            if (!record.hasNonNull("id")) {
                record.put("id", allocateId(kind));
            } else {
                long id = record.get("id").asLong();
                if (id >= nextIds.get(kind)) {
                    nextIds.put(kind, id + 1);
                }
            }
            if (!record.has("_info")) {
                String now = Timestamps.format(clock.now());
                ObjectNode info = record.putObject("_info");
                info.put("lastUpdated", now);
                info.put("updatedBy", actor.identifier());
                info.put("dateEntered", now);
                info.put("enteredBy", actor.identifier());
            }
            // ConnectWise writes id first
            ObjectNode ordered = record.objectNode();
            ordered.set("id", record.get("id"));
            ordered.setAll(record);
            put(kind, ordered);
            publish(new Change(kind, "added", ordered.get("id").asLong(), ordered, actor, false));
            return ordered;
        }
    }

    /** Stores a changed copy of a record, its {@code _info} updated now by the actor. Publishes {@code updated}. */
    public ObjectNode update(Kind kind, ObjectNode changed, Actor actor, boolean skipCallback) {
        synchronized (lock) {
            long id = changed.get("id").asLong();
            ObjectNode before = tables.get(kind).get(id);
            if (before == null) {
                throw new IllegalStateException(kind.label() + " " + id + " not found");
            }
            ObjectNode info = changed.has("_info") ? (ObjectNode) changed.get("_info") : changed.putObject("_info");
            info.put("lastUpdated", Timestamps.format(clock.now()));
            info.put("updatedBy", actor.identifier());
            Long oldParent = parentOf(kind, before);
            if (oldParent != null && !oldParent.equals(parentOf(kind, changed))) {
                byParent.get(kind).get(oldParent).remove(id);
            }
            put(kind, changed);
            publish(new Change(kind, "updated", id, changed, actor, skipCallback));
            return changed;
        }
    }

    /** Stores a record as history (generated data), replacing any earlier version, with no callback. */
    public void putHistory(Kind kind, ObjectNode record) {
        synchronized (lock) {
            put(kind, record);
        }
    }

    /** Removes a record. Publishes {@code deleted}. */
    public Optional<ObjectNode> delete(Kind kind, long id, Actor actor) {
        synchronized (lock) {
            ObjectNode gone = tables.get(kind).remove(id);
            if (gone == null) {
                return Optional.empty();
            }
            Long parent = parentOf(kind, gone);
            if (parent != null) {
                byParent.get(kind).getOrDefault(parent, new ConcurrentSkipListMap<>()).remove(id);
            }
            publish(new Change(kind, "deleted", id, gone, actor, false));
            return Optional.of(gone);
        }
    }

    private void put(Kind kind, ObjectNode record) {
        long id = record.get("id").asLong();
        tables.get(kind).put(id, record);
        Long parent = parentOf(kind, record);
        if (parent != null) {
            byParent.get(kind).computeIfAbsent(parent, p -> new ConcurrentSkipListMap<>()).put(id, record);
        }
    }

    /** The parent id a child record names, or null for top-level collections. */
    public static Long parentOf(Kind kind, JsonNode record) {
        String field = kind.parentField();
        if (field == null) {
            return null;
        }
        JsonNode node = record;
        for (String segment : field.split("/")) {
            node = node.path(segment);
        }
        return node.isNumber() ? node.asLong() : null;
    }

    private void publish(Change change) {
        for (Consumer<Change> listener : new ArrayList<>(listeners)) {
            listener.accept(change);
        }
    }
}
