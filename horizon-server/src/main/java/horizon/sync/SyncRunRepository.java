package horizon.sync;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores sync runs; every statement is scoped by account_id. */
@Repository
class SyncRunRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, EntityCounts>> COUNTS = new TypeReference<>() {
    };

    private static final String INSERT = """
            insert into sync_runs (account_id, kind, triggered_by, state, target, resumed_from_run_id, window_start,
                   window_end, scope, queued_at, started_at, heartbeat_at, node, counts_json, api_requests,
                   progress_done)
            values (:accountId, :kind, :triggeredBy, :state, :target, :resumedFrom, :windowStart,
                   :windowEnd, :scope, :now, :startedAt, :startedAt, :node, '{}', 0, 0)
            """;

    private static final String START_QUEUED = """
            update sync_runs
               set state = 'RUNNING', started_at = :now, heartbeat_at = :now, node = :node
             where account_id = :accountId and id = :id and state = 'QUEUED'
            """;

    private static final String PROGRESS = """
            update sync_runs
               set counts_json = :counts, api_requests = :requests, progress_done = :done, progress_total = :total,
                   heartbeat_at = :now, window_start = coalesce(window_start, :windowStart), warnings = :warnings
             where account_id = :accountId and id = :id and state = 'RUNNING'
            """;

    private static final String FINISH = """
            update sync_runs
               set state = :state, finished_at = :now, heartbeat_at = :now, counts_json = :counts,
                   api_requests = :requests, progress_done = :done, progress_total = :total, error = :error,
                   warnings = :warnings, records_changed = :changed
             where account_id = :accountId and id = :id and state = 'RUNNING'
            """;

    private static final String INTERRUPT_STALE = """
            update sync_runs
               set state = 'INTERRUPTED', finished_at = :now,
                   error = 'The run stopped sending heartbeats: it made no progress (no PSA answer, no record written) for too long, or its node stopped; it did not finish.'
             where account_id = :accountId and state = 'RUNNING' and heartbeat_at < :before
            """;

    private static final String SELECT = "select * from sync_runs where account_id = :accountId";

    /**
     * A later run of the same kind exists, so this one is not the latest of its kind (the first backfill and widenings
     * of the ingest window count as two kinds).
     */
    private static final String NOT_LATEST = """
            exists (select 1 from sync_runs later
                     where later.account_id = run.account_id and later.kind = run.kind and later.id > run.id
                       and (later.window_end is null) = (run.window_end is null))
            """;

    private static final String QUIET_BEFORE = """
            select run.id from sync_runs run
             where run.account_id = :accountId and run.kind in ('POLL', 'DELETES') and run.state = 'SUCCEEDED'
               and run.records_changed = 0 and run.warnings is null and run.error is null
               and run.finished_at < :before
               and %s
             order by run.id
            """.formatted(NOT_LATEST);

    // A backfill's checkpoints live under its first run: a run another run resumed from stays while that one does.
    private static final String FINISHED_BEFORE = """
            select run.id from sync_runs run
             where run.account_id = :accountId and run.state in ('SUCCEEDED', 'FAILED', 'INTERRUPTED')
               and coalesce(run.finished_at, run.queued_at) < :before
               and %s
               and not exists (select 1 from sync_runs resumed
                                where resumed.account_id = run.account_id and resumed.resumed_from_run_id = run.id)
             order by run.id
            """.formatted(NOT_LATEST);

    private static final String ACCOUNTS_WITH_RUNS = "select distinct account_id from sync_runs order by account_id";

    private final JdbcClient jdbc;

    SyncRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run asked for by a person or another feature, waiting for the account's sync task. */
    long queue(long accountId, SyncKind kind, String triggeredBy, String target, Instant now) {
        return insert(accountId, kind, triggeredBy, SyncState.QUEUED, target, null, null, null, null, now, null);
    }

    /** A run that starts right away on this node. */
    long start(long accountId, SyncKind kind, String triggeredBy, Long resumedFrom, Instant windowStart, String node,
               Instant now) {
        return insert(accountId, kind, triggeredBy, SyncState.RUNNING, null, resumedFrom, windowStart, null, null, now,
                node);
    }

    /**
     * A backfill that starts right away on this node.
     *
     * @param windowEnd null for the first backfill; for a widening, where the covered stretch began
     * @param scope     what it covers, in words
     */
    long startBackfill(long accountId, String triggeredBy, Long resumedFrom, Instant windowStart, Instant windowEnd,
                       String scope, String node, Instant now) {
        return insert(accountId, SyncKind.BACKFILL, triggeredBy, SyncState.RUNNING, null, resumedFrom, windowStart,
                windowEnd, scope, now, node);
    }

    /** Moves a queued run to RUNNING; false when another node took it first. */
    boolean startQueued(long accountId, long id, String node, Instant now) {
        return jdbc.sql(START_QUEUED).param("accountId", accountId).param("id", id).param("node", node)
                .param("now", column(now)).update() == 1;
    }

    void progress(long accountId, long id, Map<String, EntityCounts> counts, long requests, long done, Long total,
                  Instant windowStart, String warnings, Instant now) {
        jdbc.sql(PROGRESS).param("accountId", accountId).param("id", id).param("counts", json(counts))
                .param("requests", requests).param("done", done).param("total", total, java.sql.Types.BIGINT)
                .param("windowStart", column(windowStart), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("warnings", warnings, java.sql.Types.VARCHAR)
                .param("now", column(now)).update();
    }

    /** Ends a running run; false when it was no longer RUNNING (e.g. marked interrupted meanwhile). */
    boolean finish(long accountId, long id, SyncState state, Map<String, EntityCounts> counts, long requests,
                   long done, Long total, String error, String warnings, Instant now) {
        return jdbc.sql(FINISH).param("accountId", accountId).param("id", id).param("state", state.name())
                .param("counts", json(counts)).param("requests", requests).param("done", done)
                .param("total", total, java.sql.Types.BIGINT)
                .param("error", error, java.sql.Types.VARCHAR).param("warnings", warnings, java.sql.Types.VARCHAR)
                .param("changed", changed(counts)).param("now", column(now)).update() == 1;
    }

    /** Marks the account's running runs without a heartbeat since {@code before} as INTERRUPTED; returns how many. */
    /**
     * A record a run could not take in full.
     *
     * @param entity     the entity's name ({@code tickets}…)
     * @param externalId the PSA's id, 0 when unknown
     * @param reason     why, in words
     * @param excerpt    the start of the record as the PSA sent it, may be empty
     * @param stored     whether what fits was stored (else the record was left out)
     * @param runId      the run that last met it
     * @param lastSeenAt when it was last met
     */
    public record Quarantined(String entity, long externalId, String reason, String excerpt, boolean stored, long runId,
                       Instant lastSeenAt) {

        public String lastSeenText() {
            return SyncRunRow.time(lastSeenAt);
        }
    }

    private static final String QUARANTINE = """
            merge into sync_quarantine t
            using (values (cast(:accountId as bigint), cast(:entity as varchar(50)), cast(:externalId as bigint),
                           cast(:reason as varchar(2000)), cast(:excerpt as varchar(1000)), cast(:stored as boolean),
                           cast(:runId as bigint), cast(:now as timestamp with time zone)))
                  as s (account_id, entity, external_id, reason, excerpt, stored, run_id, seen_at)
            on (t.account_id = s.account_id and t.entity = s.entity and t.external_id = s.external_id)
            when matched then update set reason = s.reason, excerpt = s.excerpt, stored = s.stored,
                 run_id = s.run_id, last_seen_at = s.seen_at
            when not matched then insert (account_id, entity, external_id, reason, excerpt, stored, run_id,
                 first_seen_at, last_seen_at)
                 values (s.account_id, s.entity, s.external_id, s.reason, s.excerpt, s.stored, s.run_id, s.seen_at,
                         s.seen_at)
            """;

    void quarantine(long accountId, Quarantined record) {
        jdbc.sql(QUARANTINE).param("accountId", accountId).param("entity", record.entity())
                .param("externalId", record.externalId()).param("reason", cut(record.reason(), 2000))
                .param("excerpt", cut(record.excerpt(), 1000)).param("stored", record.stored())
                .param("runId", record.runId()).param("now", column(record.lastSeenAt())).update();
    }

    /** The account's quarantined records, last met first. */
    List<Quarantined> quarantined(long accountId, int limit) {
        return jdbc.sql("""
                        select entity, external_id, reason, excerpt, stored, run_id, last_seen_at
                          from sync_quarantine where account_id = :accountId
                         order by last_seen_at desc, id desc limit :limit
                        """)
                .param("accountId", accountId).param("limit", limit)
                .query((rs, n) -> new Quarantined(rs.getString("entity"), rs.getLong("external_id"),
                        rs.getString("reason"), rs.getString("excerpt"), rs.getBoolean("stored"), rs.getLong("run_id"),
                        read(rs, "last_seen_at")))
                .list();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Accounts with a RUNNING run whose heartbeat is older than {@code before} (system-wide, for the dispatcher). */
    List<Long> accountsWithStaleRuns(Instant before) {
        return jdbc.sql("select distinct account_id from sync_runs where state = 'RUNNING' and heartbeat_at < :before")
                .param("before", column(before)).query(Long.class).list();
    }

    int interruptStale(long accountId, Instant before, Instant now) {
        return jdbc.sql(INTERRUPT_STALE).param("accountId", accountId).param("before", column(before))
                .param("now", column(now)).update();
    }

    Optional<SyncRun> find(long accountId, long id) {
        return jdbc.sql(SELECT + " and id = :id").param("accountId", accountId).param("id", id)
                .query(SyncRunRepository::map).optional();
    }

    /** Runs newest first, optionally of one kind and state. */
    List<SyncRun> page(long accountId, SyncKind kind, SyncState state, int offset, int limit) {
        StringBuilder sql = new StringBuilder(SELECT);
        if (kind != null) {
            sql.append(" and kind = :kind");
        }
        if (state != null) {
            sql.append(" and state = :state");
        }
        sql.append(" order by id desc limit :limit offset :offset");
        var spec = jdbc.sql(sql.toString()).param("accountId", accountId).param("limit", limit).param("offset", offset);
        if (kind != null) {
            spec = spec.param("kind", kind.name());
        }
        if (state != null) {
            spec = spec.param("state", state.name());
        }
        return spec.query(SyncRunRepository::map).list();
    }

    /** Runs started since an instant, newest first, optionally of one kind. */
    List<SyncRun> startedSince(long accountId, SyncKind kind, Instant since, int limit) {
        var spec = jdbc.sql(SELECT + (kind == null ? "" : " and kind = :kind")
                        + " and started_at >= :since order by id desc limit :limit")
                .param("accountId", accountId).param("since", column(since)).param("limit", limit);
        if (kind != null) {
            spec = spec.param("kind", kind.name());
        }
        return spec.query(SyncRunRepository::map).list();
    }

    /**
     * Runs that could have written a ticket: single-ticket runs asked for one of its names, and runs that were running
     * when the mirror last wrote it; newest first.
     */
    List<SyncRun> touching(long accountId, List<String> targets, Instant written, int limit) {
        String during = written == null ? "" : """
                 or (started_at <= :written and coalesce(finished_at, heartbeat_at, started_at) >= :written)""";
        var spec = jdbc.sql(SELECT + " and (target in (:targets)" + during + ") order by id desc limit :limit")
                .param("accountId", accountId).param("targets", targets).param("limit", limit);
        if (written != null) {
            spec = spec.param("written", column(written));
        }
        return spec.query(SyncRunRepository::map).list();
    }

    long count(long accountId, SyncKind kind, SyncState state) {
        StringBuilder sql = new StringBuilder("select count(*) from sync_runs where account_id = :accountId");
        if (kind != null) {
            sql.append(" and kind = :kind");
        }
        if (state != null) {
            sql.append(" and state = :state");
        }
        var spec = jdbc.sql(sql.toString()).param("accountId", accountId);
        if (kind != null) {
            spec = spec.param("kind", kind.name());
        }
        if (state != null) {
            spec = spec.param("state", state.name());
        }
        return spec.query(Long.class).single();
    }

    /**
     * Polls and deletion-log reads that finished before {@code before}, succeeded and changed nothing in the mirror,
     * except the latest of each kind.
     */
    List<Long> quietRunsBefore(long accountId, Instant before) {
        return jdbc.sql(QUIET_BEFORE).param("accountId", accountId).param("before", column(before))
                .query(Long.class).list();
    }

    /**
     * Runs that finished before {@code before}, except the latest of each kind and the first runs of backfills that a
     * remaining run resumed (their checkpoints).
     */
    List<Long> finishedRunsBefore(long accountId, Instant before) {
        return jdbc.sql(FINISHED_BEFORE).param("accountId", accountId).param("before", column(before))
                .query(Long.class).list();
    }

    /** Deletes the account's runs with these ids (at most 500); their checkpoints must be gone already. */
    int delete(long accountId, List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from sync_runs where account_id = ? and id in (" + placeholders(ids.size()) + ")")
                .params(withAccount(accountId, ids)).update();
    }

    /** Every account with sync runs (a system-wide listing, used only by the retention task). */
    List<Long> accountsWithRuns() {
        return jdbc.sql(ACCOUNTS_WITH_RUNS).query(Long.class).list();
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static List<Object> withAccount(long accountId, List<Long> ids) {
        List<Object> params = new ArrayList<>(ids.size() + 1);
        params.add(accountId);
        params.addAll(ids);
        return params;
    }

    /** The account's queued runs, oldest first. */
    List<SyncRun> queued(long accountId) {
        return jdbc.sql(SELECT + " and state = 'QUEUED' order by id").param("accountId", accountId)
                .query(SyncRunRepository::map).list();
    }

    /** The account's latest run of its first backfill (not of a widening), whatever its state. */
    Optional<SyncRun> latestBackfill(long accountId) {
        return jdbc.sql(SELECT + " and kind = 'BACKFILL' and window_end is null order by id desc limit 1")
                .param("accountId", accountId).query(SyncRunRepository::map).optional();
    }

    /** The account's latest backfill run of a widened ingest window, whatever its state. */
    Optional<SyncRun> latestWidening(long accountId) {
        return jdbc.sql(SELECT + " and kind = 'BACKFILL' and window_end is not null order by id desc limit 1")
                .param("accountId", accountId).query(SyncRunRepository::map).optional();
    }

    private long insert(long accountId, SyncKind kind, String triggeredBy, SyncState state, String target,
                        Long resumedFrom, Instant windowStart, Instant windowEnd, String scope, Instant now,
                        String node) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT)
                .param("accountId", accountId)
                .param("kind", kind.name())
                .param("triggeredBy", triggeredBy)
                .param("state", state.name())
                .param("target", target, java.sql.Types.VARCHAR)
                .param("resumedFrom", resumedFrom, java.sql.Types.BIGINT)
                .param("windowStart", column(windowStart), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("windowEnd", column(windowEnd), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("scope", scope, java.sql.Types.VARCHAR)
                .param("now", column(now))
                .param("startedAt", state == SyncState.RUNNING ? column(now) : null,
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("node", node, java.sql.Types.VARCHAR)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private static SyncRun map(ResultSet rs, int row) throws SQLException {
        long resumed = rs.getLong("resumed_from_run_id");
        Long resumedFrom = rs.wasNull() ? null : resumed;
        long total = rs.getLong("progress_total");
        Long progressTotal = rs.wasNull() ? null : total;
        return new SyncRun(rs.getLong("id"), rs.getLong("account_id"), SyncKind.valueOf(rs.getString("kind")),
                rs.getString("triggered_by"), SyncState.valueOf(rs.getString("state")), rs.getString("target"),
                resumedFrom, read(rs, "window_start"), read(rs, "window_end"), rs.getString("scope"),
                read(rs, "queued_at"), read(rs, "started_at"),
                read(rs, "finished_at"), read(rs, "heartbeat_at"), rs.getString("node"),
                counts(rs.getString("counts_json")), rs.getLong("api_requests"), rs.getLong("progress_done"),
                progressTotal, rs.getString("error"), rs.getString("warnings"));
    }

    /** Mirror records the run inserted, updated or deleted, over every entity. */
    private static long changed(Map<String, EntityCounts> counts) {
        return counts.values().stream().mapToLong(c -> c.inserted() + c.updated() + c.deleted()).sum();
    }

    private static Map<String, EntityCounts> counts(String json) {
        return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, COUNTS);
    }

    private static String json(Map<String, EntityCounts> counts) {
        return JSON.writeValueAsString(counts);
    }

    static OffsetDateTime column(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Another PSA database: its sync history, cursors, checkpoints and quarantine go, so the first backfill of the new
     * one starts from nothing (the connection's {@code HelpdeskConnected} then makes it due).
     */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "sync_backfill_segments", "sync_backfill_phases", "sync_runs", "sync_cursors",
                "sync_schedule", "sync_ticket_window", "sync_quarantine");
    }
}
