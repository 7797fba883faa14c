package horizon.sync;

import static horizon.sync.SyncRunRepository.column;
import static horizon.sync.SyncRunRepository.read;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each account's sync next has work ({@code sync_due}). The dispatcher reads only the rows that are due, so an idle
 * account costs nothing between its polls. An account without a row has nothing scheduled: no connection, or one that
 * stopped on a permanent failure.
 */
@Repository
class SyncDueRepository {

    private static final String SAVE = """
            merge into sync_due t
            using (values (cast(:accountId as bigint), cast(:dueAt as timestamp with time zone),
                           cast(:failures as integer), cast(:lastError as varchar(2000)),
                           cast(:now as timestamp with time zone)))
                  as s (account_id, due_at, failures, last_error, updated_at)
            on (t.account_id = s.account_id)
            when matched then update set due_at = s.due_at, failures = s.failures, last_error = s.last_error,
                 updated_at = s.updated_at
            when not matched then insert (account_id, due_at, failures, last_error, updated_at)
                 values (s.account_id, s.due_at, s.failures, s.last_error, s.updated_at)
            """;

    /**
     * An account's next sync.
     *
     * @param dueAt     when its task is scheduled next
     * @param failures  dispatches in a row that ended in a failure worth retrying (0 after a success)
     * @param lastError the last of those failures, null after a success
     */
    record Due(Instant dueAt, int failures, String lastError) {
    }

    private final JdbcClient jdbc;

    SyncDueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Accounts whose next sync is due, earliest first (a system-wide listing, for the dispatcher only). */
    List<Long> dueAccounts(Instant now, int limit) {
        return jdbc.sql("select account_id from sync_due where due_at <= :now order by due_at limit :limit")
                .param("now", column(now)).param("limit", limit).query(Long.class).list();
    }

    Optional<Due> find(long accountId) {
        return jdbc.sql("select due_at, failures, last_error from sync_due where account_id = :accountId")
                .param("accountId", accountId)
                .query((rs, n) -> new Due(read(rs, "due_at"), rs.getInt("failures"), rs.getString("last_error")))
                .optional();
    }

    void save(long accountId, Due due, Instant now) {
        String error = due.lastError() == null || due.lastError().length() <= 2000 ? due.lastError()
                : due.lastError().substring(0, 1999) + "…";
        jdbc.sql(SAVE).param("accountId", accountId).param("dueAt", column(due.dueAt()))
                .param("failures", due.failures()).param("lastError", error).param("now", column(now)).update();
    }

    /** Makes the account's sync due now, keeping its failure count; creates the row when there is none. */
    void dueNow(long accountId, Instant now) {
        int updated = jdbc.sql("update sync_due set due_at = :now, updated_at = :now where account_id = :accountId")
                .param("accountId", accountId).param("now", column(now)).update();
        if (updated == 0) {
            save(accountId, new Due(now, 0, null), now);
        }
    }

    /** Nothing is scheduled for the account any more (its connection stopped). */
    void remove(long accountId) {
        jdbc.sql("delete from sync_due where account_id = :accountId").param("accountId", accountId).update();
    }
}
