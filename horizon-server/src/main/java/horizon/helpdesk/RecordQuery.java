package horizon.helpdesk;

import java.time.Instant;
import java.util.List;

/**
 * Which records of one entity to read, in PSA-neutral terms; the adapter turns it into the PSA's query language.
 * Every condition is optional (null or empty) and all given ones must hold. Results always come ordered by id.
 *
 * @param entity       what to read
 * @param changedSince only records whose PSA watermark (Autotask {@code lastActivityDate}, time entries
 *                     {@code lastModifiedDateTime}) is at or after this instant
 * @param idAbove      only ids strictly greater (the id cursor; 0 reads from the start)
 * @param idAtMost     only ids at most this (the upper end of a segment read in parallel)
 * @param ticketIds    only notes or time entries of these tickets (at most 500)
 */
public record RecordQuery(HelpdeskEntity entity, Instant changedSince, long idAbove, Long idAtMost,
                          List<Long> ticketIds) {

    public RecordQuery {
        ticketIds = ticketIds == null ? List.of() : List.copyOf(ticketIds);
        if (ticketIds.size() > 500) {
            throw new IllegalArgumentException("at most 500 ticket ids per query, got " + ticketIds.size());
        }
    }

    public static RecordQuery all(HelpdeskEntity entity) {
        return new RecordQuery(entity, null, 0, null, List.of());
    }

    public RecordQuery after(long id) {
        return new RecordQuery(entity, changedSince, id, idAtMost, ticketIds);
    }
}
