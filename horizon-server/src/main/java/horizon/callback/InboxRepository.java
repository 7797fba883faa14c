package horizon.callback;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import horizon.account.Timestamps;
import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.HelpdeskEntity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The only reader and writer of {@code callback_inbox}: the door writes, the processor claims and finishes. */
@Repository
class InboxRepository {

    /** A queued row as the processor needs it. */
    record Claimed(long id, long accountId, HelpdeskEntity entity, String recordType, Long externalId,
                   CallbackNotice.Action action, int attempts, Instant receivedAt, Instant occurredAt) {
    }

    /** How a processed row ends. */
    record Finished(long id, InboxState state, InboxOutcome outcome, String reason) {
    }

    /** What the Callback Log lists: every condition optional. */
    record Filter(InboxState state, InboxOutcome outcome, String entity, Long externalId, Instant from, Instant to) {

        static final Filter ALL = new Filter(null, null, null, null, null, null);
    }

    private static final String INSERT = """
            insert into callback_inbox (account_id, received_at, psa, record_type, entity, external_id, action,
                                        sequence, ticket_number, hook_reference, signature, http_status, state,
                                        reason, payload, headers, attempts, next_attempt_at, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """;

    private static final String COLUMNS = """
            id, received_at, psa, record_type, entity, external_id, action, sequence, ticket_number, hook_reference,
            signature, http_status, state, outcome, reason, attempts, processed_at, payload, headers
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;

    InboxRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = "PostgreSQL".equalsIgnoreCase(template.execute(
                (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
    }

    /** Writes rows in one batch (the caller's transaction makes them durable together). */
    void insert(List<InboxRow> rows) {
        template.batchUpdate(INSERT, rows, rows.size(), (PreparedStatement statement, InboxRow row) -> {
            CallbackNotice notice = row.notice();
            statement.setLong(1, row.accountId());
            statement.setObject(2, Timestamps.column(row.receivedAt()));
            statement.setString(3, row.psa());
            statement.setString(4, notice == null ? null : clip(notice.type(), 60));
            statement.setString(5, row.entity() == null ? null : row.entity().name());
            if (notice == null || notice.externalId() == 0) {
                statement.setNull(6, Types.BIGINT);
            } else {
                statement.setLong(6, notice.externalId());
            }
            statement.setString(7, notice == null || notice.action() == null ? null : notice.action().name());
            statement.setString(8, notice == null ? null : clip(notice.sequence(), 100));
            statement.setString(9, notice == null ? null : clip(notice.ticketNumber(), 60));
            statement.setString(10, notice == null ? null : clip(notice.hookReference(), 200));
            statement.setString(11, row.signature().name());
            statement.setInt(12, row.httpStatus());
            statement.setString(13, row.state().name());
            statement.setString(14, clip(row.reason(), 2000));
            statement.setString(15, row.payload());
            statement.setString(16, row.headers());
            if (row.state() == InboxState.QUEUED) {
                statement.setObject(17, Timestamps.column(row.receivedAt()));
            } else {
                statement.setNull(17, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            if (notice == null || notice.occurredAt() == null) {
                statement.setNull(18, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(18, Timestamps.column(notice.occurredAt()));
            }
        });
    }

    /**
     * Claims up to {@code limit} queued rows that are due and not held by a live claim, oldest first, for this node
     * until {@code until}. On PostgreSQL rows another node is claiming at the same moment are skipped, not waited for.
     */
    @org.springframework.transaction.annotation.Transactional
    List<Claimed> claim(String node, Instant now, Instant until, int limit) {
        String lock = postgres ? " for update skip locked" : "";
        String claimed = node + "#" + now.toEpochMilli();
        // The ids first, then the claim with its condition checked again: one statement with a sub-select makes H2
        // run the sub-select again for every row it locks, which grows with the queue.
        List<Long> due = jdbc.sql("""
                        select id from callback_inbox
                         where state = 'QUEUED' and next_attempt_at <= :now
                           and (claimed_until is null or claimed_until < :now)
                         order by id fetch first %d rows only%s
                        """.formatted(limit, lock))
                .param("now", Timestamps.column(now)).query(Long.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        int count = 0;
        for (int from = 0; from < due.size(); from += 500) {
            List<Long> batch = due.subList(from, Math.min(from + 500, due.size()));
            count += jdbc.sql("""
                            update callback_inbox set claimed_by = :claimed, claimed_until = :until
                             where id in (:ids) and state = 'QUEUED'
                               and (claimed_until is null or claimed_until < :now)
                            """)
                    .param("claimed", claimed).param("until", Timestamps.column(until))
                    .param("now", Timestamps.column(now)).param("ids", batch)
                    .update();
        }
        if (count == 0) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, account_id, entity, record_type, external_id, action, attempts, received_at,
                               occurred_at
                          from callback_inbox where claimed_by = :claimed and state = 'QUEUED' order by id
                        """)
                .param("claimed", claimed)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("entity") == null ? null : HelpdeskEntity.valueOf(rs.getString("entity")),
                        rs.getString("record_type"), (Long) rs.getObject("external_id", Long.class),
                        rs.getString("action") == null ? null : CallbackNotice.Action.valueOf(rs.getString("action")),
                        rs.getInt("attempts"), Timestamps.read(rs, "received_at"),
                        Timestamps.read(rs, "occurred_at")))
                .list();
    }

    /** Ends claimed rows: processed, ignored or failed for good. */
    void finish(List<Finished> rows, Instant now) {
        template.batchUpdate("""
                        update callback_inbox
                           set state = ?, outcome = ?, reason = coalesce(?, reason), processed_at = ?,
                               attempts = attempts + 1,
                               claimed_by = null, claimed_until = null, next_attempt_at = null
                         where id = ?
                        """, rows, 500, (PreparedStatement statement, Finished row) -> {
                    statement.setString(1, row.state().name());
                    statement.setString(2, row.outcome() == null ? null : row.outcome().name());
                    statement.setString(3, clip(row.reason(), 2000));
                    statement.setObject(4, Timestamps.column(now));
                    statement.setLong(5, row.id());
                });
    }

    /** Puts claimed rows back in the queue after a failure that may pass, due again at {@code next}. */
    void retry(List<Long> ids, Instant next, String reason) {
        template.batchUpdate("""
                        update callback_inbox
                           set attempts = attempts + 1, next_attempt_at = ?, reason = ?, claimed_by = null,
                               claimed_until = null
                         where id = ?
                        """, ids, 500, (PreparedStatement statement, Long id) -> {
                    statement.setObject(1, Timestamps.column(next));
                    statement.setString(2, clip(reason, 2000));
                    statement.setLong(3, id);
                });
    }

    List<LoggedCall> page(long accountId, Filter filter, int offset, int limit) {
        Where where = where(accountId, filter);
        return where.bind(jdbc.sql("select " + COLUMNS + " from callback_inbox " + where.sql
                        + " order by id desc offset " + Math.max(0, offset) + " rows fetch next " + limit
                        + " rows only"))
                .query(InboxRepository::map).list();
    }

    long count(long accountId, Filter filter) {
        Where where = where(accountId, filter);
        return where.bind(jdbc.sql("select count(*) from callback_inbox " + where.sql)).query(Long.class).single();
    }

    Optional<LoggedCall> find(long accountId, long id) {
        return jdbc.sql("select " + COLUMNS + " from callback_inbox where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(InboxRepository::map).optional();
    }

    /** Every call about one record (any entity with that PSA id, or carrying that ticket number), newest first. */
    List<LoggedCall> about(long accountId, Long externalId, String ticketNumber, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from callback_inbox
                        where account_id = :accountId
                          and (external_id = :externalId or ticket_number = :number)
                        order by id desc fetch first %d rows only
                        """.formatted(limit))
                .param("accountId", accountId)
                .param("externalId", externalId, Types.BIGINT)
                .param("number", ticketNumber, Types.VARCHAR)
                .query(InboxRepository::map).list();
    }

    /** Calls of the account since an instant, by state. */
    Map<InboxState, Long> countsSince(long accountId, Instant since) {
        Map<InboxState, Long> counts = new TreeMap<>();
        jdbc.sql("""
                        select state, count(*) as n from callback_inbox
                         where account_id = :accountId and received_at >= :since group by state
                        """)
                .param("accountId", accountId).param("since", Timestamps.column(since))
                .query((ResultSet rs) -> {
                    counts.put(InboxState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    /** The last call the account's PSA made that was accepted (not rejected at the door). */
    Optional<Instant> lastAccepted(long accountId) {
        return jdbc.sql("""
                        select max(received_at) as last from callback_inbox
                         where account_id = :accountId and state <> 'REJECTED'
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> Optional.ofNullable(Timestamps.read(rs, "last"))).single();
    }

    /** Received, rejected and failed calls and processing delays per 10 minutes since {@code since}. */
    List<CallbackBucket> buckets(long accountId, Instant since, Instant until) {
        Duration width = Duration.ofMinutes(10);
        int count = (int) Math.max(1, Duration.between(since, until).dividedBy(width));
        long[] received = new long[count];
        long[] rejected = new long[count];
        long[] failed = new long[count];
        List<List<Long>> lags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lags.add(new ArrayList<>());
        }
        jdbc.sql("""
                        select received_at, state, processed_at from callback_inbox
                         where account_id = :accountId and received_at >= :since and received_at < :until
                        """)
                .param("accountId", accountId).param("since", Timestamps.column(since))
                .param("until", Timestamps.column(until))
                .query((ResultSet rs) -> {
                    Instant at = Timestamps.read(rs, "received_at");
                    int i = (int) Math.min(count - 1, Duration.between(since, at).dividedBy(width));
                    received[i]++;
                    switch (InboxState.valueOf(rs.getString("state"))) {
                        case REJECTED -> rejected[i]++;
                        case FAILED -> failed[i]++;
                        default -> { }
                    }
                    Instant processed = Timestamps.read(rs, "processed_at");
                    if (processed != null) {
                        lags.get(i).add(Duration.between(at, processed).toMillis());
                    }
                });
        List<CallbackBucket> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Long> lag = lags.get(i);
            lag.sort(null);
            buckets.add(new CallbackBucket(since.plus(width.multipliedBy(i)), received[i], rejected[i], failed[i],
                    lag.isEmpty() ? null : Duration.ofMillis(lag.get(lag.size() / 2)),
                    lag.isEmpty() ? null : Duration.ofMillis(lag.get(lag.size() - 1))));
        }
        return buckets;
    }

    /** Rows waiting for the processor, over every account (a metric). */
    long depth() {
        return jdbc.sql("select count(*) from callback_inbox where state = 'QUEUED'").query(Long.class).single();
    }

    /** When the account's oldest waiting row arrived; empty when none waits. */
    Optional<Instant> oldestQueued(long accountId) {
        return jdbc.sql("""
                        select min(received_at) as oldest from callback_inbox
                         where account_id = :accountId and state = 'QUEUED'
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> Optional.ofNullable(Timestamps.read(rs, "oldest"))).single();
    }

    /** When the oldest waiting row arrived, over every account (a metric); empty when none waits. */
    Optional<Instant> oldestQueued() {
        return jdbc.sql("select min(received_at) as oldest from callback_inbox where state = 'QUEUED'")
                .query((rs, n) -> Optional.ofNullable(Timestamps.read(rs, "oldest"))).single();
    }

    /** Deletes calls received before {@code before} that are no longer waiting; returns how many. */
    int prune(Instant before) {
        return jdbc.sql("delete from callback_inbox where received_at < :before and state <> 'QUEUED'")
                .param("before", Timestamps.column(before)).update();
    }

    private record Where(String sql, Map<String, Object> params) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            params.forEach(spec::param);
            return spec;
        }
    }

    private static Where where(long accountId, Filter filter) {
        StringBuilder sql = new StringBuilder("where account_id = :accountId");
        Map<String, Object> params = new TreeMap<>();
        params.put("accountId", accountId);
        if (filter.state() != null) {
            sql.append(" and state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.outcome() != null) {
            sql.append(" and outcome = :outcome");
            params.put("outcome", filter.outcome().name());
        }
        if (filter.entity() != null) {
            sql.append(" and entity = :entity");
            params.put("entity", filter.entity());
        }
        if (filter.externalId() != null) {
            sql.append(" and external_id = :externalId");
            params.put("externalId", filter.externalId());
        }
        if (filter.from() != null) {
            sql.append(" and received_at >= :from");
            params.put("from", Timestamps.column(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and received_at < :to");
            params.put("to", Timestamps.column(filter.to()));
        }
        return new Where(sql.toString(), params);
    }

    private static LoggedCall map(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString("outcome");
        return new LoggedCall(rs.getLong("id"), Timestamps.read(rs, "received_at"), rs.getString("psa"),
                rs.getString("record_type"), rs.getString("entity"), rs.getObject("external_id", Long.class),
                rs.getString("action"), rs.getString("sequence"), rs.getString("ticket_number"),
                rs.getString("hook_reference"), rs.getString("signature"), rs.getInt("http_status"),
                InboxState.valueOf(rs.getString("state")), outcome == null ? null : InboxOutcome.valueOf(outcome),
                rs.getString("reason"), rs.getInt("attempts"), Timestamps.read(rs, "processed_at"),
                rs.getString("payload"), rs.getString("headers"));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Another PSA database: calls of the old one are neither processed nor kept. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "callback_inbox");
    }
}
