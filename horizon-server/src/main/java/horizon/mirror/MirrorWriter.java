package horizon.mirror;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.PicklistValue;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into the mirror. Backfill, polling, webhooks and single-ticket syncs all hand their records
 * to {@link #upsert}, their deletions to {@link #markDeleted}, and picklists to {@link #putPicklist}; because
 * every writer goes through the same guard, they may race on the same rows safely.
 *
 * <p><b>The guard</b>, applied per record against the stored row of the same account and external id:
 * <ul>
 *   <li>no row: <b>inserted</b>;</li>
 *   <li>live row with the same content hash: <b>unchanged</b>, nothing written;</li>
 *   <li>live row whose stored {@code remote_updated_at} is newer than the record's: <b>skippedStale</b>;</li>
 *   <li>live row with the <em>same</em> remote timestamp but other content (ConnectWise stamps to the second, so two
 *       changes within one second share it): the later observation wins. The record is <b>updated</b> when the read
 *       (or write) that returned it was sent no earlier than the stored row was written ({@code askedAt >=
 *       mirrored_at}), so its answer cannot predate the stored one; else it may be a read that was under way
 *       before the stored version was written, and it is <b>skippedStale</b> (a change the PSA makes after that
 *       brings its own webhook, and the next poll, whose reads are sent later);</li>
 *   <li>otherwise (a newer timestamp, or either timestamp unknown): <b>updated</b>;</li>
 *   <li>tombstoned row: <b>revived</b> only when the PSA has said the record lives after its deletion, that is
 *       the record's remote timestamp is later than the stored {@code deleted_at}, or the entity has no remote
 *       timestamp (helpdesk users: a listing that contains the user is the PSA's word). A copy with an older or
 *       equal timestamp was fetched before the deletion and counts as <b>skippedStale</b>. A revived ticket
 *       brings back the notes and time entries that were tombstoned with it (same {@code deleted_at}).</li>
 * </ul>
 *
 * <p><b>The plan, per batch of up to 500 records</b> (records are first de-duplicated by external id, the newest
 * remote timestamp winning and ties going to the later record, and sorted by id so that concurrent writers take
 * row locks in the same order; a deadlock that happens anyway is retried like any other conflict), in one
 * transaction:
 * <ol>
 *   <li>one query reads the stored (content hash, remote timestamp, tombstone) of the batch's keys;</li>
 *   <li>each record is classified by the guard above;</li>
 *   <li>records the read found no row for are inserted with multi-row {@code INSERT}s of 100 rows;</li>
 *   <li>the records to change (changed, revived) go in one JDBC batch of standard {@code MERGE} statements keyed by
 *       (account, external id) whose {@code WHEN MATCHED AND} repeats the guard, so a row that another writer
 *       changed after step 1 is never overwritten with older data. Such a record is then counted from what the row
 *       holds afterwards: unchanged if it holds the same content, else skippedStale.</li>
 * </ol>
 * Reading first is what gives exact per-record counts (MERGE has no portable RETURNING), and it lets a first
 * backfill, where every record is new, write plain INSERTs. When another writer inserted one of the new keys after
 * the read (or is inserting it in an open transaction), the unique key refuses the INSERT; the batch is then rolled
 * back and retried after a short random pause (up to five times), and the retry's read sees the other writer's row
 * once it has committed. The
 * transaction is {@code NESTED}: a savepoint inside a caller's transaction, a transaction of its own otherwise.
 *
 * <p>All timestamps handed in ({@code remoteUpdatedAt}, {@code deletedAt}) are on the PSA's clock; only
 * {@code mirrored_at} is Horizon's.
 */
@Component
public class MirrorWriter {

    /** Rows per JDBC batch and per transaction. */
    public static final int BATCH_SIZE = 500;

    private static final Logger log = LoggerFactory.getLogger(MirrorWriter.class);

    private static final Column ACCOUNT_ID = Column.bigint("account_id");
    private static final Column EXTERNAL_ID = Column.bigint("external_id");
    private static final Column CONTENT_HASH = Column.varchar("content_hash");
    private static final Column REMOTE_UPDATED_AT = Column.timestamp("remote_updated_at");
    private static final List<Column> BOOKKEEPING = List.of(Column.text("raw_json"), CONTENT_HASH, REMOTE_UPDATED_AT,
            Column.timestamp("mirrored_at"));

    /**
     * The one write of a record: standard MERGE keyed by (account, external id) with the guard in its
     * {@code WHEN MATCHED AND}, so a row another writer changed after this writer read it is never overwritten with
     * older data. Unqualified SET columns and no RETURNING: the form both H2 and PostgreSQL accept.
     */
    private static final String GUARDED_MERGE = """
            merge into %1$s t
            using (values (%2$s, cast(? as timestamp with time zone))) as s (%3$s, asked_at)
            on (t.account_id = s.account_id and t.external_id = s.external_id)
            when matched and (
                   (t.deleted_at is null
                    and t.content_hash <> s.content_hash
                    and (t.remote_updated_at is null or s.remote_updated_at is null
                         or t.remote_updated_at < s.remote_updated_at
                         or (t.remote_updated_at = s.remote_updated_at and t.mirrored_at <= s.asked_at)))
                or (t.deleted_at is not null
                    and (s.remote_updated_at is null or s.remote_updated_at > t.deleted_at)))
              then update set %4$s, deleted_at = null
            when not matched
              then insert (%3$s) values (%5$s)
            """;

    /**
     * Times a batch is retried after a conflict with a concurrent writer, after a random pause of up to
     * {@link #CONFLICT_PAUSE} doubled per attempt. PostgreSQL reports a duplicate key only once the other writer has
     * committed, so its retry's read sees that row at once; H2 reports it while the other transaction is still open,
     * so its retry has to wait for that transaction (a backfill page: well under a second) to end.
     */
    private static final int CONFLICT_RETRIES = 5;
    private static final Duration CONFLICT_PAUSE = Duration.ofMillis(100);

    /** Rows per INSERT statement for records the read found no row for. */
    private static final int INSERT_ROWS = 100;

    /**
     * The stored state of a batch of keys. The ids come as a VALUES list joined on the primary key: both stores
     * then look up each (account_id, id) in the index, where {@code account_id = ? and external_id in (…)} makes
     * H2 scan the whole account and a row-value IN makes it compare every row with every list entry.
     */
    private static final String SELECT_STORED = """
            select t.external_id, t.content_hash, t.remote_updated_at, t.mirrored_at, t.deleted_at
              from (values %s) as k (id)
              join %s t on t.account_id = ? and t.external_id = k.id
            """;

    private static final String TOMBSTONE = """
            update %s
               set deleted_at = ?, mirrored_at = ?
             where (account_id, external_id) in (%s)
               and deleted_at is null
               and (remote_updated_at is null or remote_updated_at <= ?)
            """;

    private static final String TOMBSTONE_CHILDREN = """
            update %s
               set deleted_at = ?, mirrored_at = ?
             where (account_id, ticket_id) in (%s)
               and deleted_at is null
            """;

    /** Children that were tombstoned with their ticket (same deleted_at) come back with it. */
    private static final String REVIVE_CHILDREN = """
            update %s
               set deleted_at = null, mirrored_at = ?
             where account_id = ? and ticket_id = ? and deleted_at = ?
            """;

    private static final String SELECT_PICKLIST = """
            select entity, field, code, label, is_active, is_default, sort_order, parent_value
              from picklist_values
             where account_id = ? and entity = ? and field = ?
            """;

    private static final String MERGE_PICKLIST_VALUE = """
            merge into picklist_values t
            using (values (cast(? as bigint), cast(? as varchar), cast(? as varchar), cast(? as varchar),
                           cast(? as varchar), cast(? as boolean), cast(? as boolean), cast(? as integer),
                           cast(? as varchar), cast(? as timestamp with time zone)))
                  as s (account_id, entity, field, code, label, is_active, is_default, sort_order, parent_value,
                        refreshed_at)
            on (t.account_id = s.account_id and t.entity = s.entity and t.field = s.field and t.code = s.code)
            when matched then update set label = s.label, is_active = s.is_active, is_default = s.is_default,
                 sort_order = s.sort_order, parent_value = s.parent_value, refreshed_at = s.refreshed_at
            when not matched then insert (account_id, entity, field, code, label, is_active, is_default, sort_order,
                 parent_value, refreshed_at)
                 values (s.account_id, s.entity, s.field, s.code, s.label, s.is_active, s.is_default, s.sort_order,
                 s.parent_value, s.refreshed_at)
            """;

    private static final String STAMP_PICKLIST = """
            update picklist_values set refreshed_at = ?
             where account_id = ? and entity = ? and field = ?
            """;

    private static final String DELETE_PICKLIST_VALUE = """
            delete from picklist_values
             where account_id = ? and entity = ? and field = ? and code = ?
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PlannerStatistics statistics;
    private final Map<MirroredEntity<?>, String> mergeStatements = new ConcurrentHashMap<>();
    private final Map<String, String> insertStatements = new ConcurrentHashMap<>();

    MirrorWriter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                 PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.statistics = statistics;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Puts records of one entity for one account into the mirror, through the guard described on the class, as
     * observed now: for records no read of the PSA raced with (a seeded demo, a test). Records a read or a write of the
     * PSA returned go through {@link #upsert(long, MirroredEntity, Collection, Instant)} with when it was sent.
     *
     * @param accountId the account the records belong to
     * @param entity    which table, e.g. {@link MirroredEntity#TICKETS}
     * @param records   any number of records (written 500 per transaction); duplicates by id are allowed
     * @return what happened to each record; every record is counted once
     */
    public <R extends HelpdeskRecord> MirrorWriteResult upsert(
            long accountId, MirroredEntity<R> entity, Collection<? extends R> records) {
        return upsert(accountId, entity, records, clock.instant());
    }

    /**
     * Puts records a read or a write of the PSA returned into the mirror, through the guard described on the class.
     *
     * @param askedAt when the request that returned them was sent, on Horizon's clock: it decides between two versions
     *                that carry the same remote timestamp
     */
    public <R extends HelpdeskRecord> MirrorWriteResult upsert(
            long accountId, MirroredEntity<R> entity, Collection<? extends R> records, Instant askedAt) {
        return upsert(accountId, entity, records, askedAt, (id, outcome) -> { });
    }

    /**
     * {@link #upsert(long, MirroredEntity, Collection, Instant)}, telling {@code each} what happened to every record by
     * id (a batch retried after a conflict tells again; the last word counts).
     */
    public <R extends HelpdeskRecord> MirrorWriteResult upsert(
            long accountId, MirroredEntity<R> entity, Collection<? extends R> records, Instant askedAt,
            BiConsumer<Long, MirrorOutcome> each) {
        Objects.requireNonNull(askedAt, "askedAt");
        Map<Long, R> newest = new TreeMap<>();
        int superseded = 0;
        for (R record : records) {
            R earlier = newest.get(record.externalId());
            if (earlier != null) {
                superseded++;
                if (isNewer(earlier.remoteUpdatedAt(), record.remoteUpdatedAt())) {
                    continue;
                }
            }
            newest.put(record.externalId(), record);
        }
        MirrorWriteResult total = new MirrorWriteResult(0, 0, 0, 0, superseded, 0, 0);
        List<R> sorted = new ArrayList<>(newest.values());
        for (int from = 0; from < sorted.size(); from += BATCH_SIZE) {
            List<R> batch = sorted.subList(from, Math.min(from + BATCH_SIZE, sorted.size()));
            MirrorWriteResult result = withRetries(accountId, entity.name(),
                    () -> upsertBatch(accountId, entity, batch, askedAt, each));
            log.debug("mirror upsert account={} entity={} records={} result={}",
                    accountId, entity, batch.size(), result);
            total = total.plus(result);
        }
        return total;
    }

    /**
     * Tombstones records the PSA deleted. A row is tombstoned only when its stored remote timestamp is not
     * later than {@code deletedAt} (else the deletion is older than what the mirror holds: skippedStale).
     * Tombstoning tickets also tombstones their notes and time entries ({@link MirrorWriteResult#childrenDeleted()}).
     * Ids already tombstoned or never mirrored count as unchanged.
     *
     * @param deletedAt when the PSA deleted them, on the PSA's clock (Autotask {@code deletedDateTime}); for a
     *                  full comparison, when the listing that no longer contained them was fetched
     */
    public MirrorWriteResult markDeleted(
            long accountId, MirroredEntity<?> entity, Collection<Long> externalIds, Instant deletedAt) {
        return markDeleted(accountId, entity, externalIds, deletedAt, (id, outcome) -> { });
    }

    /**
     * {@link #markDeleted(long, MirroredEntity, Collection, Instant)}, telling {@code each} what happened to every id:
     * DELETED, UNCHANGED (already gone or never mirrored) or STALE.
     */
    public MirrorWriteResult markDeleted(long accountId, MirroredEntity<?> entity, Collection<Long> externalIds,
                                         Instant deletedAt, BiConsumer<Long, MirrorOutcome> each) {
        Objects.requireNonNull(deletedAt, "deletedAt");
        List<Long> ids = new ArrayList<>(new TreeSet<>(externalIds));
        MirrorWriteResult total = MirrorWriteResult.NONE;
        for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
            List<Long> batch = ids.subList(from, Math.min(from + BATCH_SIZE, ids.size()));
            MirrorWriteResult result = withRetries(accountId, entity.name(),
                    () -> tombstoneBatch(accountId, entity, batch, deletedAt, each));
            log.debug("mirror tombstone account={} entity={} ids={} result={}", accountId, entity, batch.size(), result);
            total = total.plus(result);
        }
        return total;
    }

    /**
     * An agent's assignment of a mirrored ticket that the PSA does not have yet (write-back): the columns change at once
     * while the content hash and remote timestamp stay those of the PSA's version, so a re-read of that same version
     * leaves the change standing and the PSA's next version (the write's own answer first) replaces it.
     *
     * @return whether the account mirrors the ticket
     */
    public boolean assignLocally(long accountId, long ticketId, long resourceId, Long roleId) {
        return jdbc.update("""
                update tickets set assignee_resource_id = ?, assignee_role_id = ?
                 where account_id = ? and external_id = ? and deleted_at is null
                """, resourceId, roleId, accountId, ticketId) == 1;
    }

    /** An agent's status change the PSA does not have yet, kept as {@link #assignLocally} keeps an assignment. */
    public boolean changeStatusLocally(long accountId, long ticketId, String status) {
        return jdbc.update("""
                update tickets set status = ? where account_id = ? and external_id = ? and deleted_at is null
                """, status, accountId, ticketId) == 1;
    }

    /**
     * Records that the notes and time entries of these tickets were read and compared at the given ticket versions (PSA
     * timestamps), so a poll knows whose children are current.
     */
    public void childrenRead(long accountId, Map<Long, Instant> versions) {
        List<Object[]> rows = new ArrayList<>();
        versions.forEach((id, version) -> rows.add(new Object[] {utc(version), accountId, id}));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("update tickets set children_read_at = ? where account_id = ? and external_id = ?",
                    rows);
        }
    }

    /**
     * Replaces the mirrored values of one picklist field with the PSA's current list: new values are inserted,
     * changed ones updated, values the PSA no longer lists removed (counted as deleted), and every value of the
     * field stamped with the refresh time. PSAs list inactive values too, so a missing value is really gone;
     * a caller comparing against a partial or failed fetch must not call this.
     *
     * @param values every value of the field, all with this {@code entity} and {@code field}
     */
    public MirrorWriteResult putPicklist(long accountId, String entity, String field, Collection<PicklistValue> values) {
        Map<String, PicklistValue> incoming = new LinkedHashMap<>();
        for (PicklistValue value : values) {
            if (!entity.equals(value.entity()) || !field.equals(value.field())) {
                throw new IllegalArgumentException("picklist value " + value + " is not of " + entity + "." + field);
            }
            incoming.put(value.value(), value);
        }
        int duplicates = values.size() - incoming.size();
        MirrorWriteResult result = withRetries(accountId, "picklist_values",
                () -> putPicklistValues(accountId, entity, field, incoming, duplicates));
        log.debug("mirror picklist account={} field={}.{} values={} result={}",
                accountId, entity, field, incoming.size(), result);
        return result;
    }

    private <R extends HelpdeskRecord> MirrorWriteResult upsertBatch(
            long accountId, MirroredEntity<R> entity, List<R> batch, Instant askedAt,
            BiConsumer<Long, MirrorOutcome> each) {
        Instant mirroredAt = clock.instant();
        Map<Long, Stored> stored = readStored(accountId, entity, batch.stream().map(HelpdeskRecord::externalId).toList());
        List<Pending<R>> writes = new ArrayList<>();
        int unchanged = 0;
        int stale = 0;
        for (R record : batch) {
            String hash = entity.contentHash(record);
            Outcome outcome = classify(stored.get(record.externalId()), hash, record.remoteUpdatedAt(), askedAt);
            switch (outcome) {
                case UNCHANGED -> {
                    unchanged++;
                    each.accept(record.externalId(), MirrorOutcome.UNCHANGED);
                }
                case STALE -> {
                    stale++;
                    each.accept(record.externalId(), MirrorOutcome.STALE);
                }
                default -> writes.add(new Pending<>(record, hash, outcome));
            }
        }
        List<Pending<R>> inserts = writes.stream().filter(p -> p.outcome() == Outcome.INSERT).toList();
        List<Pending<R>> updates = writes.stream().filter(p -> p.outcome() != Outcome.INSERT).toList();
        if (!inserts.isEmpty()) {
            // A key another writer inserted after the read makes the unique key refuse the statement: the batch is
            // rolled back and retried (see withRetries), and the retry's read sees that row.
            insertRows(entity, inserts, accountId, mirroredAt);
            statistics.afterInsert(entity.name(), accountId, inserts.size());
            inserts.forEach(p -> each.accept(p.record().externalId(), MirrorOutcome.INSERTED));
        }
        int inserted = inserts.size();
        int updated = 0;
        int revived = 0;
        List<Pending<R>> overtaken = new ArrayList<>();
        List<Object[]> revivedTickets = new ArrayList<>();
        if (!updates.isEmpty()) {
            int[] counts = writeBatch(mergeStatement(entity), updates, accountId, entity, mirroredAt, askedAt);
            for (int i = 0; i < updates.size(); i++) {
                Pending<R> pending = updates.get(i);
                if (counts[i] == 0) {
                    overtaken.add(pending);
                } else if (pending.outcome() == Outcome.REVIVE) {
                    revived++;
                    each.accept(pending.record().externalId(), MirrorOutcome.REVIVED);
                    revivedTickets.add(new Object[] {utc(mirroredAt), accountId, pending.record().externalId(),
                            utc(stored.get(pending.record().externalId()).deletedAt())});
                } else {
                    updated++;
                    each.accept(pending.record().externalId(), MirrorOutcome.UPDATED);
                }
            }
        }
        if (entity == MirroredEntity.TICKETS && !revivedTickets.isEmpty()) {
            // Their notes and time entries were tombstoned only because the ticket was; a re-fetch of them would
            // carry timestamps older than that deletion and be refused, so they come back with the ticket.
            for (MirroredEntity<?> child : List.of(MirroredEntity.TICKET_NOTES, MirroredEntity.TIME_ENTRIES)) {
                jdbc.batchUpdate(REVIVE_CHILDREN.formatted(child.name()), revivedTickets);
            }
        }
        if (!overtaken.isEmpty()) {
            // Another writer changed these rows between our read and our update, and the guard kept its data.
            Map<Long, Stored> now = readStored(accountId, entity,
                    overtaken.stream().map(p -> p.record().externalId()).toList());
            for (Pending<R> pending : overtaken) {
                Stored row = now.get(pending.record().externalId());
                if (row != null && row.deletedAt() == null && row.contentHash().equals(pending.hash())) {
                    unchanged++;
                    each.accept(pending.record().externalId(), MirrorOutcome.UNCHANGED);
                } else {
                    stale++;
                    each.accept(pending.record().externalId(), MirrorOutcome.STALE);
                }
            }
        }
        return new MirrorWriteResult(inserted, updated, revived, unchanged, stale, 0, 0);
    }

    private MirrorWriteResult tombstoneBatch(long accountId, MirroredEntity<?> entity, List<Long> ids, Instant deletedAt,
                                             BiConsumer<Long, MirrorOutcome> each) {
        Instant mirroredAt = clock.instant();
        Map<Long, Stored> stored = readStored(accountId, entity, ids);
        List<Long> toDelete = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        int unchanged = 0;
        int stale = 0;
        for (Long id : ids) {
            Stored row = stored.get(id);
            if (row == null || row.deletedAt() != null) {
                unchanged++;
                gone.add(id);
                each.accept(id, MirrorOutcome.UNCHANGED);
            } else if (row.remoteUpdatedAt() != null && row.remoteUpdatedAt().isAfter(deletedAt)) {
                stale++;
                each.accept(id, MirrorOutcome.STALE);
            } else {
                toDelete.add(id);
            }
        }
        int deleted = 0;
        if (!toDelete.isEmpty()) {
            List<Object> args = new ArrayList<>(List.of(utc(deletedAt), utc(mirroredAt)));
            args.addAll(keyArgs(accountId, toDelete));
            args.add(utc(deletedAt));
            deleted = jdbc.update(TOMBSTONE.formatted(entity.name(), keyPlaceholders(toDelete.size())), args.toArray());
            stale += toDelete.size() - deleted;
            // The statement's count is all there is per batch; a row overtaken in between is rare and reads as deleted.
            toDelete.forEach(id -> each.accept(id, MirrorOutcome.DELETED));
        }
        int children = 0;
        if (entity == MirroredEntity.TICKETS) {
            List<Long> parents = new ArrayList<>(gone);
            parents.addAll(toDelete);
            if (!parents.isEmpty()) {
                List<Object> args = new ArrayList<>(List.of(utc(deletedAt), utc(mirroredAt)));
                args.addAll(keyArgs(accountId, parents));
                for (MirroredEntity<?> child : List.of(MirroredEntity.TICKET_NOTES, MirroredEntity.TIME_ENTRIES)) {
                    children += jdbc.update(TOMBSTONE_CHILDREN.formatted(child.name(), keyPlaceholders(parents.size())),
                            args.toArray());
                }
            }
        }
        return new MirrorWriteResult(0, 0, 0, unchanged, stale, deleted, children);
    }

    private MirrorWriteResult putPicklistValues(
            long accountId, String entity, String field, Map<String, PicklistValue> incoming, int duplicates) {
        Instant refreshedAt = clock.instant();
        Map<String, PicklistValue> stored = new HashMap<>();
        jdbc.query(SELECT_PICKLIST, rs -> {
            PicklistValue value = MirrorQueries.PICKLIST_VALUE.mapRow(rs, 0);
            stored.put(value.value(), value);
        }, accountId, entity, field);
        List<PicklistValue> writes = new ArrayList<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = duplicates;
        for (PicklistValue value : incoming.values()) {
            PicklistValue before = stored.get(value.value());
            if (before == null) {
                inserted++;
                writes.add(value);
            } else if (before.equals(value)) {
                unchanged++;
            } else {
                updated++;
                writes.add(value);
            }
        }
        if (!writes.isEmpty()) {
            jdbc.batchUpdate(MERGE_PICKLIST_VALUE, writes, BATCH_SIZE, (statement, v) -> {
                statement.setLong(1, accountId);
                statement.setString(2, v.entity());
                statement.setString(3, v.field());
                statement.setString(4, v.value());
                statement.setString(5, v.label());
                statement.setBoolean(6, v.active());
                statement.setBoolean(7, v.defaultValue());
                statement.setInt(8, v.sortOrder());
                statement.setString(9, v.parentValue());
                statement.setObject(10, utc(refreshedAt));
            });
        }
        jdbc.update(STAMP_PICKLIST, utc(refreshedAt), accountId, entity, field);
        List<String> absent = stored.keySet().stream().filter(code -> !incoming.containsKey(code)).sorted().toList();
        int deleted = 0;
        if (!absent.isEmpty()) {
            for (int count : jdbc.batchUpdate(DELETE_PICKLIST_VALUE, absent.stream()
                    .map(code -> new Object[] {accountId, entity, field, code}).toList())) {
                deleted += count;
            }
        }
        return new MirrorWriteResult(inserted, updated, 0, unchanged, 0, deleted, 0);
    }

    /** What the guard decides for one record against the stored row (null when there is none). */
    static Outcome classify(Stored row, String hash, Instant remoteUpdatedAt, Instant askedAt) {
        if (row == null) {
            return Outcome.INSERT;
        }
        if (row.deletedAt() != null) {
            return remoteUpdatedAt == null || remoteUpdatedAt.isAfter(row.deletedAt()) ? Outcome.REVIVE : Outcome.STALE;
        }
        if (row.contentHash().equals(hash)) {
            return Outcome.UNCHANGED;
        }
        if (isNewer(row.remoteUpdatedAt(), remoteUpdatedAt)) {
            return Outcome.STALE;
        }
        boolean sameVersion = row.remoteUpdatedAt() != null && row.remoteUpdatedAt().equals(remoteUpdatedAt);
        return sameVersion && row.mirroredAt().isAfter(askedAt) ? Outcome.STALE : Outcome.UPDATE;
    }

    /** True when both timestamps are known and the first is strictly later. */
    private static boolean isNewer(Instant first, Instant second) {
        return first != null && second != null && first.isAfter(second);
    }

    private Map<Long, Stored> readStored(long accountId, MirroredEntity<?> entity, List<Long> ids) {
        if (ids.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<Long, Stored> stored = new HashMap<>(ids.size() * 2);
        String keys = "(cast(? as bigint))" + ", (?)".repeat(ids.size() - 1);
        List<Object> args = new ArrayList<>(ids);
        args.add(accountId);
        jdbc.query(SELECT_STORED.formatted(keys, entity.name()), rs -> {
            stored.put(rs.getLong("external_id"), new Stored(rs.getString("content_hash"),
                    Column.instant(rs, "remote_updated_at"), Column.instant(rs, "mirrored_at"),
                    Column.instant(rs, "deleted_at")));
        }, args.toArray());
        return stored;
    }

    private String mergeStatement(MirroredEntity<?> entity) {
        return mergeStatements.computeIfAbsent(entity, e -> {
            List<Column> all = allColumns(e);
            return GUARDED_MERGE.formatted(e.name(),
                    all.stream().map(c -> "cast(? as " + c.type().sqlType + ")").collect(Collectors.joining(", ")),
                    all.stream().map(Column::name).collect(Collectors.joining(", ")),
                    writtenColumns(e).stream().map(c -> c.name() + " = s." + c.name()).collect(Collectors.joining(", ")),
                    all.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", ")));
        });
    }

    /**
     * Inserts new records with multi-row INSERTs of up to {@link #INSERT_ROWS} rows: in a first backfill every record
     * is new, and one statement per hundred rows spares the database the parsing, planning and round trip of the
     * other ninety-nine.
     */
    private <R extends HelpdeskRecord> void insertRows(MirroredEntity<R> entity, List<Pending<R>> rows, long accountId,
                                                       Instant mirroredAt) {
        List<Column> all = allColumns(entity);
        List<Column> written = writtenColumns(entity);
        for (int from = 0; from < rows.size(); from += INSERT_ROWS) {
            List<Pending<R>> chunk = rows.subList(from, Math.min(from + INSERT_ROWS, rows.size()));
            String sql = insertStatements.computeIfAbsent(entity.name() + ":" + chunk.size(), key ->
                    "insert into " + entity.name() + " ("
                            + all.stream().map(Column::name).collect(Collectors.joining(", ")) + ") values "
                            + String.join(", ", Collections.nCopies(chunk.size(),
                                    "(" + String.join(", ", Collections.nCopies(all.size(), "?")) + ")")));
            jdbc.update(sql, statement -> {
                int index = 1;
                for (Pending<R> pending : chunk) {
                    index = bindRow(statement, index, pending, accountId, entity, written, mirroredAt);
                }
            });
        }
    }

    /** Binds a batch of MERGEs: the key, the written columns, then when the answer was asked for. */
    private <R extends HelpdeskRecord> int[] writeBatch(String sql, List<Pending<R>> rows, long accountId,
            MirroredEntity<R> entity, Instant mirroredAt, Instant askedAt) {
        List<Column> written = writtenColumns(entity);
        return jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement statement, int i) throws SQLException {
                int next = bindRow(statement, 1, rows.get(i), accountId, entity, written, mirroredAt);
                statement.setObject(next, utc(askedAt));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    /** Binds one record's row from {@code index} on: the key, then the written columns; returns the next index. */
    private static <R extends HelpdeskRecord> int bindRow(PreparedStatement statement, int index, Pending<R> pending,
            long accountId, MirroredEntity<R> entity, List<Column> written, Instant mirroredAt) throws SQLException {
        R record = pending.record();
        ACCOUNT_ID.bind(statement, index++, accountId);
        EXTERNAL_ID.bind(statement, index++, record.externalId());
        Object[] values = entity.values(record);
        Object[] bookkeeping = {record.rawJson(), pending.hash(), record.remoteUpdatedAt(), mirroredAt};
        for (int c = 0; c < written.size(); c++) {
            Object value = c < values.length ? values[c] : bookkeeping[c - values.length];
            written.get(c).bind(statement, index++, value);
        }
        return index;
    }

    /** The columns an insert or update writes besides the key: the typed columns, then the bookkeeping ones. */
    private static List<Column> writtenColumns(MirroredEntity<?> entity) {
        List<Column> written = new ArrayList<>(entity.columns());
        written.addAll(BOOKKEEPING);
        return written;
    }

    private static List<Column> allColumns(MirroredEntity<?> entity) {
        List<Column> all = new ArrayList<>();
        all.add(ACCOUNT_ID);
        all.add(EXTERNAL_ID);
        all.addAll(entity.columns());
        all.addAll(BOOKKEEPING);
        return all;
    }

    private <T> T withRetries(long accountId, String entity, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (DataAccessException e) {
                if (!isWriteConflict(e) || attempt > CONFLICT_RETRIES) {
                    throw e;
                }
                long pause = ThreadLocalRandom.current().nextLong(CONFLICT_PAUSE.toMillis() << (attempt - 1)) + 1;
                log.info("mirror write conflict account={} entity={} attempt={}, retrying the batch in {} ms: {}",
                        accountId, entity, attempt, pause, e.getMostSpecificCause().getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A conflict with a concurrent writer: a duplicate key from racing inserts, a lock wait that lost, a deadlock. */
    static boolean isWriteConflict(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DuplicateKeyException || t instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (Set.of("23505", "40001", "40P01").contains(state)
                        // H2: concurrent update of a row, lock timeout
                        || sql.getErrorCode() == 90131 || sql.getErrorCode() == 50200) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code (?, ?), (?, ?), …} for a row-value {@code IN} on (account_id, id): H2 uses only the first column of a
     * two-column index for {@code account_id = ? and id in (…)}, which scans the whole account, but looks up each
     * pair of a row-value list. Used by the tombstoning updates; the hot read uses a VALUES join instead.
     */
    private static String keyPlaceholders(int count) {
        return String.join(", ", Collections.nCopies(count, "(?, ?)"));
    }

    private static List<Object> keyArgs(long accountId, List<Long> ids) {
        List<Object> args = new ArrayList<>(ids.size() * 2);
        for (Long id : ids) {
            args.add(accountId);
            args.add(id);
        }
        return args;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The guard's decision for one record. */
    enum Outcome { INSERT, UPDATE, REVIVE, UNCHANGED, STALE }

    /** What the mirror holds for one key, as far as the guard needs it. */
    record Stored(String contentHash, Instant remoteUpdatedAt, Instant mirroredAt, Instant deletedAt) {
    }

    private record Pending<R>(R record, String hash, Outcome outcome) {
    }

    /** Another PSA database: nothing mirrored from the old one may be taken for the new one's record of the same id. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        int removed = changed.removeRows(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc), "ticket_notes",
                "time_entries", "tickets", "contacts", "companies", "helpdesk_users", "picklist_values");
        log.info("mirror emptied for a new helpdesk database account={} rows={}", changed.accountId(), removed);
    }
}
