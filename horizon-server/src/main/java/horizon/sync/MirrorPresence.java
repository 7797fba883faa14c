package horizon.sync;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
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

    /** The ids among {@code ticketIds} of live mirrored tickets. */
    Set<Long> liveTickets(long accountId, Collection<Long> ticketIds) {
        Set<Long> present = new HashSet<>();
        List<Long> ids = ticketIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> batch = ids.subList(from, Math.min(from + 500, ids.size()));
            String placeholders = String.join(", ", Collections.nCopies(batch.size(), "?"));
            var spec = jdbc.sql("select external_id from tickets where account_id = ? and deleted_at is null"
                    + " and external_id in (" + placeholders + ")").param(accountId);
            for (Long id : batch) {
                spec = spec.param(id);
            }
            present.addAll(spec.query(Long.class).list());
        }
        return present;
    }
}
