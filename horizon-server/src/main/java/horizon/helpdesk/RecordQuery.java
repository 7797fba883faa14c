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
 * @param changedBefore only records whose PSA watermark is before this instant (a widened ingest window reads the
 *                     stretch in front of what the mirror already covers)
 */
public record RecordQuery(HelpdeskEntity entity, Instant changedSince, long idAbove, Long idAtMost,
                          List<Long> ticketIds, Instant changedBefore) {

    public RecordQuery {
        ticketIds = ticketIds == null ? List.of() : List.copyOf(ticketIds);
        if (ticketIds.size() > 500) {
            throw new IllegalArgumentException("at most 500 ticket ids per query, got " + ticketIds.size());
        }
    }

    /** A query without an upper bound on the watermark. */
    public RecordQuery(HelpdeskEntity entity, Instant changedSince, long idAbove, Long idAtMost, List<Long> ticketIds) {
        this(entity, changedSince, idAbove, idAtMost, ticketIds, null);
    }

    public static RecordQuery all(HelpdeskEntity entity) {
        return new RecordQuery(entity, null, 0, null, List.of());
    }

    public RecordQuery after(long id) {
        return new RecordQuery(entity, changedSince, id, idAtMost, ticketIds, changedBefore);
    }
}
