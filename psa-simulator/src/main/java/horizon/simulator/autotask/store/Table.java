package horizon.simulator.autotask.store;

import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one entity ordered by id, which is the order Autotask returns query results in. Entities with a
 * {@code ticketID} field (a ticket's notes, time entries…) also keep their ids by ticket, because clients read them
 * for many tickets at once ({@code ticketID in […]}) and a scan of the whole table per page would make the
 * simulator, not the client, the cost of a large backfill.
 */
public final class Table {
    private static final String INDEXED_FIELD = "ticketID";

    private final EntitySchema schema;
    private final ConcurrentSkipListMap<Long, Row> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId;
    /** Field index → value → ids of the rows holding it. */
    private final Map<Integer, Map<Object, NavigableSet<Long>>> indexes;

    Table(EntitySchema schema, long firstId) {
        this.schema = schema;
        this.nextId = new AtomicLong(firstId);
        this.indexes = schema.field(INDEXED_FIELD)
                .<Map<Integer, Map<Object, NavigableSet<Long>>>>map(f -> Map.of(f.index(), new ConcurrentHashMap<>()))
                .orElse(Map.of());
    }

    public EntitySchema schema() {
        return schema;
    }

    /** Live, id-ordered view; iteration is weakly consistent, so readers never block writers. */
    public NavigableMap<Long, Row> rows() {
        return rows;
    }

    public Row get(long id) {
        return rows.get(id);
    }

    public int size() {
        return rows.size();
    }

    /**
     * The ids of the rows whose field holds one of {@code values}, when that field is indexed; empty when it is not
     * (the caller then scans). Weakly consistent like {@link #rows()}.
     */
    public Optional<NavigableSet<Long>> idsWhere(int fieldIndex, Set<Object> values) {
        Map<Object, NavigableSet<Long>> index = indexes.get(fieldIndex);
        if (index == null) {
            return Optional.empty();
        }
        NavigableSet<Long> ids = new TreeSet<>();
        for (Object value : values) {
            NavigableSet<Long> holding = index.get(value);
            if (holding != null) {
                ids.addAll(holding);
            }
        }
        return Optional.of(ids);
    }

    long allocateId() {
        return nextId.getAndIncrement();
    }

    void put(Row row) {
        Row previous = rows.put(row.id(), row);
        nextId.accumulateAndGet(row.id() + 1, Math::max);
        indexes.forEach((field, index) -> {
            Object before = previous == null ? null : previous.get(field);
            Object after = row.get(field);
            if (!Objects.equals(before, after)) {
                unindex(index, before, row.id());
                if (after != null) {
                    index.computeIfAbsent(after, v -> new ConcurrentSkipListSet<>()).add(row.id());
                }
            }
        });
    }

    Row remove(long id) {
        Row removed = rows.remove(id);
        if (removed != null) {
            indexes.forEach((field, index) -> unindex(index, removed.get(field), id));
        }
        return removed;
    }

    private static void unindex(Map<Object, NavigableSet<Long>> index, Object value, long id) {
        if (value != null) {
            NavigableSet<Long> holding = index.get(value);
            if (holding != null) {
                holding.remove(id);
            }
        }
    }
}
