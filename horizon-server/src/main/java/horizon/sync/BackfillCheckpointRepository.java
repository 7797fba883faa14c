package horizon.sync;

import static horizon.sync.SyncRunRepository.column;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores a backfill's progress: finished phases and each segment's cursor, keyed by the backfill's first run (a resumed
 * backfill keeps writing under it). Every statement is scoped by account_id.
 */
@Repository
class BackfillCheckpointRepository {

    /**
     * A phase of a backfill.
     *
     * @param total          records the PSA counted for it
     * @param estimatedMaxId where its ids are expected to end
     * @param pageSpan       ids one page is expected to cover
     * @param done           whether it is finished
     */
    record Phase(Long total, Long estimatedMaxId, Long pageSpan, boolean done) {
    }

    private static final String SELECT_PHASE = """
            select total, estimated_max_id, page_span, done from sync_backfill_phases
             where account_id = :accountId and run_id = :runId and phase = :phase
            """;

    private static final String UPDATE_PHASE = """
            update sync_backfill_phases
               set total = :total, estimated_max_id = :maxId, page_span = :pageSpan, done = :done, updated_at = :now
             where account_id = :accountId and run_id = :runId and phase = :phase
            """;

    private static final String INSERT_PHASE = """
            insert into sync_backfill_phases (account_id, run_id, phase, total, estimated_max_id, page_span, done,
                   updated_at)
            values (:accountId, :runId, :phase, :total, :maxId, :pageSpan, :done, :now)
            """;

    /**
     * The notes or time entries of one ticket page still to read.
     *
     * @param number    the batch's number (segment) within its entity
     * @param ticketIds the tickets (at most 500)
     * @param cursor    the largest child id read so far
     */
    record ChildBatch(int number, List<Long> ticketIds, long cursor) {
    }

    private static final String INSERT_CHILD_BATCH = """
            insert into sync_backfill_segments (account_id, run_id, entity, segment, lo, hi, cursor_id, ticket_ids, done,
                   updated_at)
            values (:accountId, :runId, :entity, :segment, :lo, :hi, 0, :ticketIds, false, :now)
            """;

    private static final String SELECT_CHILD_BATCHES = """
            select segment, ticket_ids, cursor_id from sync_backfill_segments
             where account_id = :accountId and run_id = :runId and entity = :entity and done = false
             order by segment
            """;

    private static final String UPDATE_CHILD_BATCH = """
            update sync_backfill_segments set cursor_id = :cursor, done = :done, updated_at = :now
             where account_id = :accountId and run_id = :runId and entity = :entity and segment = :segment
            """;

    private static final String MAX_SEGMENT = """
            select coalesce(max(segment), -1) from sync_backfill_segments
             where account_id = :accountId and run_id = :runId and entity = :entity
            """;

    private static final String SELECT_SEGMENTS = """
            select segment, lo, hi, cursor_id, done from sync_backfill_segments
             where account_id = :accountId and run_id = :runId and entity = :entity
             order by segment
            """;

    private static final String UPDATE_SEGMENT = """
            update sync_backfill_segments set hi = :hi, cursor_id = :cursor, done = :done, updated_at = :now
             where account_id = :accountId and run_id = :runId and entity = :entity and segment = :segment
            """;

    private static final String INSERT_SEGMENT = """
            insert into sync_backfill_segments (account_id, run_id, entity, segment, lo, hi, cursor_id, done,
                   updated_at)
            values (:accountId, :runId, :entity, :segment, :lo, :hi, :cursor, :done, :now)
            """;

    private final JdbcClient jdbc;

    BackfillCheckpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Phase> phase(long accountId, long runId, String phase) {
        return jdbc.sql(SELECT_PHASE).param("accountId", accountId).param("runId", runId).param("phase", phase)
                .query((rs, n) -> new Phase(nullableLong(rs, "total"), nullableLong(rs, "estimated_max_id"),
                        nullableLong(rs, "page_span"), rs.getBoolean("done")))
                .optional();
    }

    void savePhase(long accountId, long runId, String phase, Phase value, Instant now) {
        int updated = bindPhase(jdbc.sql(UPDATE_PHASE), accountId, runId, phase, value, now).update();
        if (updated == 0) {
            bindPhase(jdbc.sql(INSERT_PHASE), accountId, runId, phase, value, now).update();
        }
    }

    List<IdSegments.Segment> segments(long accountId, long runId, String entity) {
        return jdbc.sql(SELECT_SEGMENTS).param("accountId", accountId).param("runId", runId).param("entity", entity)
                .query((rs, n) -> new IdSegments.Segment(rs.getInt("segment"), rs.getLong("lo"),
                        nullableLong(rs, "hi"), rs.getLong("cursor_id"), rs.getBoolean("done")))
                .list();
    }

    /** Inserts or updates a segment's checkpoint. */
    void saveSegment(long accountId, long runId, String entity, IdSegments.Segment segment, Instant now) {
        int updated = bindSegment(jdbc.sql(UPDATE_SEGMENT), accountId, runId, entity, segment, now).update();
        if (updated == 0) {
            bindSegment(jdbc.sql(INSERT_SEGMENT), accountId, runId, entity, segment, now)
                    .param("lo", segment.lo()).update();
        }
    }

    void insertChildBatch(long accountId, long runId, String entity, int number, long lo, long hi,
                          List<Long> ticketIds, Instant now) {
        jdbc.sql(INSERT_CHILD_BATCH).param("accountId", accountId).param("runId", runId).param("entity", entity)
                .param("segment", number).param("lo", lo).param("hi", hi)
                .param("ticketIds", String.join(",", ticketIds.stream().map(String::valueOf).toList()))
                .param("now", column(now)).update();
    }

    /** The unfinished child batches of an entity, oldest first. */
    List<ChildBatch> openChildBatches(long accountId, long runId, String entity) {
        return jdbc.sql(SELECT_CHILD_BATCHES).param("accountId", accountId).param("runId", runId)
                .param("entity", entity)
                .query((rs, n) -> new ChildBatch(rs.getInt("segment"), ids(rs.getString("ticket_ids")),
                        rs.getLong("cursor_id")))
                .list();
    }

    void saveChildCursor(long accountId, long runId, String entity, int number, long cursor, boolean done,
                         Instant now) {
        jdbc.sql(UPDATE_CHILD_BATCH).param("accountId", accountId).param("runId", runId).param("entity", entity)
                .param("segment", number).param("cursor", cursor).param("done", done).param("now", column(now))
                .update();
    }

    /** Deletes the checkpoints kept under these runs (at most 500), before the runs themselves are deleted. */
    void deleteForRuns(long accountId, List<Long> runIds) {
        if (runIds.isEmpty()) {
            return;
        }
        String in = SyncRunRepository.placeholders(runIds.size());
        List<Object> params = SyncRunRepository.withAccount(accountId, runIds);
        jdbc.sql("delete from sync_backfill_segments where account_id = ? and run_id in (" + in + ")").params(params)
                .update();
        jdbc.sql("delete from sync_backfill_phases where account_id = ? and run_id in (" + in + ")").params(params)
                .update();
    }

    /** The largest segment or batch number used for an entity, -1 when none. */
    int maxSegment(long accountId, long runId, String entity) {
        return jdbc.sql(MAX_SEGMENT).param("accountId", accountId).param("runId", runId).param("entity", entity)
                .query(Integer.class).single();
    }

    private static List<Long> ids(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }

    private static JdbcClient.StatementSpec bindPhase(JdbcClient.StatementSpec spec, long accountId, long runId,
                                                      String phase, Phase value, Instant now) {
        return spec.param("accountId", accountId).param("runId", runId).param("phase", phase)
                .param("total", value.total(), java.sql.Types.BIGINT)
                .param("maxId", value.estimatedMaxId(), java.sql.Types.BIGINT)
                .param("pageSpan", value.pageSpan(), java.sql.Types.BIGINT)
                .param("done", value.done()).param("now", column(now));
    }

    private static JdbcClient.StatementSpec bindSegment(JdbcClient.StatementSpec spec, long accountId, long runId,
                                                        String entity, IdSegments.Segment s, Instant now) {
        return spec.param("accountId", accountId).param("runId", runId).param("entity", entity)
                .param("segment", s.number()).param("hi", s.hi(), java.sql.Types.BIGINT)
                .param("cursor", s.cursor()).param("done", s.done()).param("now", column(now));
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
