package horizon.sync;

import static horizon.sync.SyncRunRepository.column;
import static horizon.sync.SyncRunRepository.read;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores where each stream of PSA changes was read up to, per account. */
@Repository
class SyncCursorRepository {

    private static final String SELECT = """
            select stream, watermark, last_id from sync_cursors where account_id = :accountId and stream = :stream
            """;

    private static final String UPDATE = """
            update sync_cursors set watermark = :watermark, last_id = :lastId, updated_at = :now
             where account_id = :accountId and stream = :stream
            """;

    private static final String INSERT = """
            insert into sync_cursors (account_id, stream, watermark, last_id, updated_at)
            values (:accountId, :stream, :watermark, :lastId, :now)
            """;

    private final JdbcClient jdbc;

    SyncCursorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StreamCursor> find(long accountId, String stream) {
        return jdbc.sql(SELECT).param("accountId", accountId).param("stream", stream)
                .query((rs, n) -> new StreamCursor(rs.getString("stream"), read(rs, "watermark"), rs.getLong("last_id")))
                .optional();
    }

    void save(long accountId, StreamCursor cursor, Instant now) {
        int updated = bind(jdbc.sql(UPDATE), accountId, cursor, now).update();
        if (updated == 0) {
            bind(jdbc.sql(INSERT), accountId, cursor, now).update();
        }
    }

    void delete(long accountId, String stream) {
        jdbc.sql("delete from sync_cursors where account_id = :accountId and stream = :stream")
                .param("accountId", accountId).param("stream", stream).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long accountId, StreamCursor cursor,
                                                 Instant now) {
        return spec.param("accountId", accountId).param("stream", cursor.stream())
                .param("watermark", column(cursor.watermark()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("lastId", cursor.lastId()).param("now", column(now));
    }
}
