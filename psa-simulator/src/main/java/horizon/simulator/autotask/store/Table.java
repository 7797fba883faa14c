package horizon.simulator.autotask.store;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The rows of one entity ordered by id, which is the order Autotask returns query results in. */
public final class Table {
    private final EntitySchema schema;
    private final ConcurrentSkipListMap<Long, Row> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId;

    Table(EntitySchema schema, long firstId) {
        this.schema = schema;
        this.nextId = new AtomicLong(firstId);
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

    long allocateId() {
        return nextId.getAndIncrement();
    }

    void put(Row row) {
        rows.put(row.id(), row);
        nextId.accumulateAndGet(row.id() + 1, Math::max);
    }

    Row remove(long id) {
        return rows.remove(id);
    }
}
