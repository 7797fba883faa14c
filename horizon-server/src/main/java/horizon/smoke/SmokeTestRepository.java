package horizon.smoke;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import horizon.account.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The only reader and writer of {@code smoke_tests}. */
@Repository
class SmokeTestRepository {

    private static final TypeReference<List<SmokeStep>> STEPS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    SmokeTestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(long accountId, long userId, List<SmokeStep> steps, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into smoke_tests (account_id, started_by, started_at, state, steps)
                        values (:account, :user, :now, 'RUNNING', :steps)
                        """)
                .param("account", accountId).param("user", userId).param("now", Timestamps.column(now))
                .param("steps", json.writeValueAsString(steps)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void progress(long id, Long ticketId, List<SmokeStep> steps) {
        jdbc.sql("update smoke_tests set ticket_id = :ticket, steps = :steps where id = :id")
                .param("id", id).param("ticket", ticketId).param("steps", json.writeValueAsString(steps)).update();
    }

    void finish(long id, boolean passed, List<SmokeStep> steps, Instant now) {
        jdbc.sql("update smoke_tests set state = :state, steps = :steps, finished_at = :now where id = :id")
                .param("id", id).param("state", passed ? "PASSED" : "FAILED")
                .param("steps", json.writeValueAsString(steps)).param("now", Timestamps.column(now)).update();
    }

    Optional<SmokeTest> find(long accountId, long id) {
        return jdbc.sql("select * from smoke_tests where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(this::row).optional();
    }

    /** Without the account: the task that runs a test knows only its id. */
    Optional<SmokeTest> find(long id) {
        return jdbc.sql("select * from smoke_tests where id = :id").param("id", id).query(this::row).optional();
    }

    Optional<SmokeTest> latest(long accountId) {
        return jdbc.sql("select * from smoke_tests where account_id = :account order by id desc fetch first 1 rows only")
                .param("account", accountId).query(this::row).optional();
    }

    private SmokeTest row(ResultSet rs, int n) throws SQLException {
        long ticket = rs.getLong("ticket_id");
        Long ticketId = rs.wasNull() ? null : ticket;
        return new SmokeTest(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("started_by"),
                Timestamps.read(rs, "started_at"), Timestamps.read(rs, "finished_at"), rs.getString("state"),
                ticketId, json.readValue(rs.getString("steps"), STEPS));
    }

    /** Another PSA database: the smoke tests ran against the old one. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "smoke_tests");
    }
}
