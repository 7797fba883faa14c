package horizon.sync;

import static horizon.sync.SyncRunRepository.column;
import static horizon.sync.SyncRunRepository.read;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores how far back each account's mirrored tickets reach (the window start the mirror covers). */
@Repository
class TicketWindowRepository {

    /**
     * The stretch of ticket history the mirror holds.
     *
     * @param coveredFrom tickets whose PSA watermark is at or after this were read and are followed by polls
     * @param windowDays  the ingest window setting that reached it
     */
    record TicketWindow(Instant coveredFrom, int windowDays) {
    }

    private static final String SELECT = """
            select covered_from, window_days from sync_ticket_window where account_id = :accountId
            """;

    private static final String MERGE = """
            merge into sync_ticket_window t
            using (values (cast(:accountId as bigint), cast(:coveredFrom as timestamp with time zone),
                           cast(:days as integer), cast(:now as timestamp with time zone)))
                  as s (account_id, covered_from, window_days, updated_at)
            on (t.account_id = s.account_id)
            when matched then update set covered_from = s.covered_from, window_days = s.window_days,
                 updated_at = s.updated_at
            when not matched then insert (account_id, covered_from, window_days, updated_at)
                 values (s.account_id, s.covered_from, s.window_days, s.updated_at)
            """;

    private final JdbcClient jdbc;

    TicketWindowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TicketWindow> find(long accountId) {
        return jdbc.sql(SELECT).param("accountId", accountId)
                .query((rs, n) -> new TicketWindow(read(rs, "covered_from"), rs.getInt("window_days"))).optional();
    }

    void save(long accountId, TicketWindow window, Instant now) {
        jdbc.sql(MERGE).param("accountId", accountId).param("coveredFrom", column(window.coveredFrom()))
                .param("days", window.windowDays()).param("now", column(now)).update();
    }
}
