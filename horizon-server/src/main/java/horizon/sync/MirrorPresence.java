package horizon.sync;

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
        Map<Long, Instant> stored = new HashMap<>();
        List<Long> ids = ticketIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> batch = ids.subList(from, Math.min(from + 500, ids.size()));
            String placeholders = String.join(", ", Collections.nCopies(batch.size(), "?"));
            var spec = jdbc.sql("select external_id, remote_updated_at from tickets where account_id = ?"
                    + " and deleted_at is null and external_id in (" + placeholders + ")").param(accountId);
            for (Long id : batch) {
                spec = spec.param(id);
            }
            spec.query((rs, n) -> {
                OffsetDateTime at = rs.getObject("remote_updated_at", OffsetDateTime.class);
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
