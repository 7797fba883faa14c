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

    private static final String UPDATE = """
            update sync_ticket_window set covered_from = :coveredFrom, window_days = :days, updated_at = :now
             where account_id = :accountId
            """;

    private static final String INSERT = """
            insert into sync_ticket_window (account_id, covered_from, window_days, updated_at)
            values (:accountId, :coveredFrom, :days, :now)
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
        int updated = bind(jdbc.sql(UPDATE), accountId, window, now).update();
        if (updated == 0) {
            bind(jdbc.sql(INSERT), accountId, window, now).update();
        }
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long accountId, TicketWindow window,
                                                 Instant now) {
        return spec.param("accountId", accountId).param("coveredFrom", column(window.coveredFrom()))
                .param("days", window.windowDays()).param("now", column(now));
    }
}
