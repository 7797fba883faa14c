package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which tickets the mirror holds live, asked once per page: a poll fetches the notes and time entries of tickets that
 * are new to the mirror, and keeps only notes and time entries of mirrored tickets. Read-only.
 */
@Repository
class MirrorPresence {

    private final JdbcClient jdbc;

    MirrorPresence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The PSA watermark the mirror holds for each of the given tickets that it holds live: a ticket whose incoming
     * watermark equals it has not changed since (a poll's overlap reads such tickets again).
     */
    Map<Long, Instant> ticketWatermarks(long accountId, Collection<Long> ticketIds) {
        return column(accountId, "tickets", "remote_updated_at", ticketIds);
    }

    /**
     * For each of the given live tickets, the version whose notes and time entries were last compared (a key with a
     * null value: never, since a callback or backfill wrote it).
     */
    Map<Long, Instant> childrenReadAt(long accountId, Collection<Long> ticketIds) {
        return column(accountId, "tickets", "children_read_at", ticketIds);
    }

    /** The PSA watermark held for each of the given live records of an entity. */
    Map<Long, Instant> watermarks(long accountId, HelpdeskEntity entity, Collection<Long> ids) {
        return column(accountId, Streams.name(entity), "remote_updated_at", ids);
    }

    private Map<Long, Instant> column(long accountId, String table, String column, Collection<Long> ticketIds) {
        Map<Long, Instant> stored = new HashMap<>();
        List<Long> ids = ticketIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> batch = ids.subList(from, Math.min(from + 500, ids.size()));
            String placeholders = String.join(", ", Collections.nCopies(batch.size(), "?"));
            var spec = jdbc.sql("select external_id, " + column + " as at from " + table + " where account_id = ?"
                    + " and deleted_at is null and external_id in (" + placeholders + ")").param(accountId);
            for (Long id : batch) {
                spec = spec.param(id);
            }
            spec.query((rs, n) -> {
                OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
                stored.put(rs.getLong("external_id"), at == null ? null : at.toInstant());
                return null;
            }).list();
        }
        return stored;
    }

    /** The ids among {@code ticketIds} of live mirrored tickets. */
    Set<Long> liveTickets(long accountId, Collection<Long> ticketIds) {
        return ticketWatermarks(accountId, ticketIds).keySet();
    }
}
