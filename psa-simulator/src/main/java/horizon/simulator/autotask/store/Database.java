package horizon.simulator.autotask.store;

import horizon.simulator.core.SimClock;
import horizon.simulator.autotask.webhook.RecordChange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Autotask database: its tables, picklists and UDFs. Writers take one lock for the whole database, so multi-row
 * changes (a note and its ticket's lastActivityDate) are atomic; readers go lock-free over immutable rows.
 */
public final class Database {
    private static final DateTimeFormatter TICKET_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Schemas schemas;
    private final Picklists picklists;
    private final SimClock clock;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Consumer<RecordChange>> listeners = new CopyOnWriteArrayList<>();
    private final Map<LocalDate, AtomicInteger> ticketNumbers = new ConcurrentHashMap<>();

    public Database(Schemas schemas, Picklists picklists, SimClock clock, Map<String, Long> firstIds) {
        this.schemas = schemas;
        this.picklists = picklists;
        this.clock = clock;
        for (EntitySchema schema : schemas.all()) {
            tables.put(schema.name(), new Table(schema, firstIds.getOrDefault(schema.name(), 1L)));
        }
    }

    public Schemas schemas() {
        return schemas;
    }

    public Picklists picklists() {
        return picklists;
    }

    public SimClock clock() {
        return clock;
    }

    /** Server time as stored: UTC, millisecond precision. */
    public Instant now() {
        return Timestamps.stored(clock.now());
    }

    public Table table(String collection) {
        Table table = tables.get(collection);
        if (table == null) {
            throw new IllegalArgumentException("no table " + collection);
        }
        return table;
    }

    public Table table(EntitySchema schema) {
        return table(schema.name());
    }

    public Collection<Table> tables() {
        return tables.values();
    }

    public Row get(String collection, long id) {
        return table(collection).get(id);
    }

    /** Runs a change under the database's write lock. */
    public <T> T write(Supplier<T> change) {
        writeLock.lock();
        try {
            return change.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Stores a row; the caller holds the write lock (or is the generator before the server starts). */
    public void put(String collection, Row row) {
        table(collection).put(row);
    }

    public Row remove(String collection, long id) {
        return table(collection).remove(id);
    }

    public long allocateId(String collection) {
        return table(collection).allocateId();
    }

    /** Autotask's ticket number: T + creation day + a per-day sequence, e.g. T20260915.0002. */
    public String nextTicketNumber(Instant created) {
        LocalDate day = created.atZone(ZoneOffset.UTC).toLocalDate();
        int n = ticketNumbers.computeIfAbsent(day, d -> new AtomicInteger()).incrementAndGet();
        String sequence = Integer.toString(n);
        return "T" + TICKET_DAY.format(day) + "." + "0000".substring(Math.min(4, sequence.length())) + sequence;
    }

    public void addListener(Consumer<RecordChange> listener) {
        listeners.add(listener);
    }

    /** Tells listeners (webhooks) about an applied change. */
    public void publish(EntitySchema schema, String action, Row row, Set<String> changedFields, long personId) {
        if (listeners.isEmpty()) {
            return;
        }
        RecordChange change = new RecordChange(schema.singular(), action, row.id(), Set.copyOf(changedFields),
                toJson(schema, row, null), personId, clock.now());
        for (Consumer<RecordChange> listener : listeners) {
            listener.accept(change);
        }
    }

    /** Streams the record as {@link #toJson} builds it; used for query pages, where building trees was the cost. */
    public void writeJson(tools.jackson.core.JsonGenerator g, EntitySchema schema, Row row, Set<String> include) {
        g.writeStartObject();
        for (FieldDef field : schema.fields()) {
            if (include == null || field.index() == 0 || include.contains(field.name().toLowerCase(java.util.Locale.ROOT))) {
                field.dataType().write(g, field.name(), row.get(field.index()));
            }
        }
        if (schema.hasUdfs() && (include == null || include.contains("userdefinedfields"))) {
            g.writeArrayPropertyStart("userDefinedFields");
            for (UdfDef udf : schema.udfs()) {
                g.writeStartObject();
                g.writeStringProperty("name", udf.name());
                g.writeStringProperty("value", row.udfs().get(udf.name()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * The record as the API returns it: every field in schema order (null included), then userDefinedFields.
     *
     * @param include lower-case names to keep (id is always kept), or null for all
     */
    public ObjectNode toJson(EntitySchema schema, Row row, Set<String> include) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (FieldDef field : schema.fields()) {
            if (include == null || field.index() == 0 || include.contains(field.name().toLowerCase(java.util.Locale.ROOT))) {
                field.dataType().write(node, field.name(), row.get(field.index()));
            }
        }
        if (schema.hasUdfs() && (include == null || include.contains("userdefinedfields"))) {
            var udfs = node.putArray("userDefinedFields");
            for (UdfDef udf : schema.udfs()) {
                ObjectNode u = udfs.addObject();
                u.put("name", udf.name());
                u.put("value", row.udfs().get(udf.name()));
            }
        }
        return node;
    }
}
