package horizon.writeback;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import horizon.account.Timestamps;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only reader and writer of {@code writeback_actions}: agents' requests append, the worker claims and finishes,
 * admins retry and drop. A claim is a compare-and-set on the row, so of several nodes exactly one sends an action.
 */
@Repository
class OutboxRepository {

    /** Counts for the metrics and the Helpdesk Configuration page. */
    record Depth(int pending, int failed, Instant oldestPending) {
    }

    private static final String COLUMNS = """
            id, account_id, psa, ticket_id, kind, payload, summary, horizon_user_id, state, attempts, outcome_unknown,
            next_attempt_at, created_at, sent_at, finished_at, result_external_id, error_title, error_message,
            psa_message
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long append(long accountId, HelpdeskKind psa, HelpdeskWrite write, String summary, long horizonUserId,
                Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        insert into writeback_actions (account_id, psa, ticket_id, kind, payload, summary,
                                                       horizon_user_id, author_resource_id, state, attempts,
                                                       outcome_unknown, next_attempt_at, created_at)
                        values (:account, :psa, :ticket, :kind, :payload, :summary, :user, :author, 'PENDING', 0,
                                false, :now, :now)
                        """)
                .param("account", accountId).param("psa", psa.name()).param("ticket", write.ticketId())
                .param("kind", ActionKind.of(write).name()).param("payload", json.writeValueAsString(write))
                .param("summary", cut(summary, 500)).param("user", horizonUserId)
                .param("author", write.author().resourceId()).param("now", Timestamps.column(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<OutboxAction> find(long accountId, long id) {
        return jdbc.sql("select " + COLUMNS + " from writeback_actions where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(this::row).optional();
    }

    /** The ticket's actions, newest first. */
    List<OutboxAction> forTicket(long accountId, long ticketId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from writeback_actions where account_id = :account and ticket_id = :ticket
                         order by id desc fetch first %d rows only
                        """.formatted(limit))
                .param("account", accountId).param("ticket", ticketId).query(this::row).list();
    }

    /** Failed actions of the account, newest first. */
    List<OutboxAction> failed(long accountId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from writeback_actions where account_id = :account and state = 'FAILED'
                         order by id desc fetch first %d rows only
                        """.formatted(limit))
                .param("account", accountId).query(this::row).list();
    }

    /**
     * Claims up to {@code limit} due actions for {@code claim} until {@code until}: each the oldest unfinished one of its
     * ticket, so one ticket's actions go out in order. The select proposes; the update decides, so an action another
     * node claimed in between is not taken.
     */
    List<OutboxAction> claim(String claim, Instant now, Instant until, int limit) {
        List<Long> due = jdbc.sql("""
                        select a.id from writeback_actions a
                         where a.state = 'PENDING' and a.next_attempt_at <= :now
                           and (a.claimed_until is null or a.claimed_until < :now)
                           and not exists (select 1 from writeback_actions b
                                            where b.account_id = a.account_id and b.ticket_id = a.ticket_id
                                              and b.state = 'PENDING' and b.id < a.id)
                         order by a.id fetch first %d rows only
                        """.formatted(limit))
                .param("now", Timestamps.column(now)).query(Long.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                        update writeback_actions set claimed_by = :claim, claimed_until = :until
                         where id in (:ids) and state = 'PENDING' and (claimed_until is null or claimed_until < :now)
                        """)
                .param("claim", claim).param("until", Timestamps.column(until)).param("now", Timestamps.column(now))
                .param("ids", due).update();
        return jdbc.sql("select " + COLUMNS + """
                         from writeback_actions where claimed_by = :claim and state = 'PENDING' and id in (:ids)
                         order by id
                        """)
                .param("claim", claim).param("ids", due).query(this::row).list();
    }

    /**
     * Records that an attempt is going out now, before it does: from here until the PSA answers, a create's outcome
     * is unknown. False when the claim was lost (another node holds the action now): then nothing may be sent.
     */
    boolean attemptStarts(long id, String claim, Instant now) {
        return jdbc.sql("""
                        update writeback_actions set attempts = attempts + 1, outcome_unknown = true,
                               sent_at = coalesce(sent_at, :now)
                         where id = :id and claimed_by = :claim and state = 'PENDING'
                        """)
                .param("id", id).param("claim", claim).param("now", Timestamps.column(now)).update() == 1;
    }

    /** Gives back a claimed action this node will not send after all. */
    void release(long id, String claim) {
        jdbc.sql("""
                        update writeback_actions set claimed_by = null, claimed_until = null
                         where id = :id and claimed_by = :claim and state = 'PENDING'
                        """)
                .param("id", id).param("claim", claim).update();
    }

    void synced(long id, String claim, Long resultExternalId, Instant now) {
        jdbc.sql("""
                        update writeback_actions set state = 'SYNCED', outcome_unknown = false,
                               result_external_id = :result, finished_at = :now, claimed_by = null,
                               claimed_until = null, error_title = null, error_message = null, psa_message = null
                         where id = :id and claimed_by = :claim
                        """)
                .param("id", id).param("claim", claim).param("result", resultExternalId)
                .param("now", Timestamps.column(now)).update();
    }

    /** Back in the queue after a failure that may pass; the failure stays visible until the next attempt ends. */
    void retryAt(long id, String claim, Instant next, Failure failure, boolean outcomeUnknown) {
        jdbc.sql("""
                        update writeback_actions set next_attempt_at = :next, outcome_unknown = :unknown,
                               claimed_by = null, claimed_until = null, error_title = :title,
                               error_message = :message, psa_message = :psa
                         where id = :id and claimed_by = :claim
                        """)
                .param("id", id).param("claim", claim).param("next", Timestamps.column(next))
                .param("unknown", outcomeUnknown).param("title", cut(failure.title(), 200))
                .param("message", cut(failure.message(), 2000)).param("psa", cut(failure.psaMessage(), 2000))
                .update();
    }

    void failed(long id, String claim, Failure failure, boolean outcomeUnknown, Instant now) {
        jdbc.sql("""
                        update writeback_actions set state = 'FAILED', outcome_unknown = :unknown, finished_at = :now,
                               claimed_by = null, claimed_until = null, error_title = :title,
                               error_message = :message, psa_message = :psa
                         where id = :id and claimed_by = :claim
                        """)
                .param("id", id).param("claim", claim).param("now", Timestamps.column(now))
                .param("unknown", outcomeUnknown).param("title", cut(failure.title(), 200))
                .param("message", cut(failure.message(), 2000)).param("psa", cut(failure.psaMessage(), 2000))
                .update();
    }

    /** A failed action queued again by an admin or its agent; false when it is not failed (any more). */
    boolean retry(long accountId, long id, Instant now) {
        return jdbc.sql("""
                        update writeback_actions set state = 'PENDING', next_attempt_at = :now, finished_at = null
                         where account_id = :account and id = :id and state = 'FAILED'
                        """)
                .param("account", accountId).param("id", id).param("now", Timestamps.column(now)).update() == 1;
    }

    /** A failed action an admin gives up on; false when it is not failed (any more). */
    boolean drop(long accountId, long id, Instant now) {
        return jdbc.sql("""
                        update writeback_actions set state = 'DROPPED', finished_at = :now
                         where account_id = :account and id = :id and state = 'FAILED'
                        """)
                .param("account", accountId).param("id", id).param("now", Timestamps.column(now)).update() == 1;
    }

    /** The records other actions on the ticket made: never the one an unknown attempt of this action made. */
    Set<Long> takenResults(long accountId, long ticketId, ActionKind kind, long exceptId) {
        return new HashSet<>(jdbc.sql("""
                        select result_external_id from writeback_actions
                         where account_id = :account and ticket_id = :ticket and kind = :kind and id <> :id
                           and result_external_id is not null
                        """)
                .param("account", accountId).param("ticket", ticketId).param("kind", kind.name())
                .param("id", exceptId).query(Long.class).list());
    }

    Depth depth(Long accountId) {
        String scope = accountId == null ? "" : " and account_id = :account";
        Map<String, Object> params = accountId == null ? Map.of() : Map.of("account", accountId);
        return jdbc.sql("""
                        select (select count(*) from writeback_actions where state = 'PENDING'%1$s) as pending,
                               (select count(*) from writeback_actions where state = 'FAILED'%1$s) as failed,
                               (select min(created_at) from writeback_actions where state = 'PENDING'%1$s) as oldest
                        """.formatted(scope))
                .params(params)
                .query((rs, n) -> new Depth(rs.getInt("pending"), rs.getInt("failed"), Timestamps.read(rs, "oldest")))
                .single();
    }

    private OutboxAction row(ResultSet rs, int n) throws SQLException {
        ActionKind kind = ActionKind.valueOf(rs.getString("kind"));
        HelpdeskWrite write = json.readValue(rs.getString("payload"), kind.writeType());
        long resultId = rs.getLong("result_external_id");
        Long result = rs.wasNull() ? null : resultId;
        return new OutboxAction(rs.getLong("id"), rs.getLong("account_id"), HelpdeskKind.valueOf(rs.getString("psa")),
                rs.getLong("ticket_id"), kind, write, rs.getString("summary"), rs.getLong("horizon_user_id"),
                ActionState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getBoolean("outcome_unknown"),
                Timestamps.read(rs, "next_attempt_at"), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "sent_at"), Timestamps.read(rs, "finished_at"),
                result, rs.getString("error_title"), rs.getString("error_message"),
                rs.getString("psa_message"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Another PSA database: actions on the old one's tickets must never reach the new one. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "writeback_actions");
    }
}
