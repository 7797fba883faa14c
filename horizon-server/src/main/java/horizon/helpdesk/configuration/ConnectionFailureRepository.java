package horizon.helpdesk.configuration;

import horizon.helpdesk.HelpdeskException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stopped connections ({@code connection_failures}): one row per account whose connection failed for good. */
@Repository
class ConnectionFailureRepository {

    private final JdbcClient jdbc;

    ConnectionFailureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ConnectionFailure> find(long accountId) {
        return jdbc.sql("""
                        select failed_at, kind, title, message, advice, found_by
                          from connection_failures where account_id = :accountId
                        """)
                .param("accountId", accountId).query(ConnectionFailureRepository::map).optional();
    }

    /** Records the failure, replacing an earlier one of the account. */
    void save(long accountId, ConnectionFailure failure) {
        int updated = bind(jdbc.sql("""
                update connection_failures
                   set failed_at = :failedAt, kind = :kind, title = :title, message = :message, advice = :advice,
                       found_by = :foundBy
                 where account_id = :accountId
                """), accountId, failure).update();
        if (updated == 0) {
            bind(jdbc.sql("""
                    insert into connection_failures (account_id, failed_at, kind, title, message, advice, found_by)
                    values (:accountId, :failedAt, :kind, :title, :message, :advice, :foundBy)
                    """), accountId, failure).update();
        }
    }

    /** Whether the account had a stopped connection (now cleared). */
    boolean clear(long accountId) {
        return jdbc.sql("delete from connection_failures where account_id = :accountId")
                .param("accountId", accountId).update() > 0;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long accountId, ConnectionFailure f) {
        return spec.param("accountId", accountId)
                .param("failedAt", OffsetDateTime.ofInstant(f.failedAt(), ZoneOffset.UTC))
                .param("kind", f.kind().name())
                .param("title", f.title())
                .param("message", f.message())
                .param("advice", f.advice())
                .param("foundBy", f.foundBy());
    }

    private static ConnectionFailure map(ResultSet rs, int row) throws SQLException {
        Instant failedAt = rs.getObject("failed_at", OffsetDateTime.class).toInstant();
        return new ConnectionFailure(failedAt, HelpdeskException.Kind.valueOf(rs.getString("kind")),
                rs.getString("title"), rs.getString("message"), rs.getString("advice"), rs.getString("found_by"));
    }
}
