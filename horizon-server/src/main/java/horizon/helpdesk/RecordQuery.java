package horizon.helpdesk;

import java.time.Instant;
import java.util.List;

/**
 * Which records of one entity to read, in PSA-neutral terms; the adapter turns it into the PSA's query language.
 * Every condition is optional (null, 0 or empty) and all given ones must hold.
 *
 * @param entity        what to read
 * @param changedSince  only records whose PSA watermark is at or after this instant
 * @param changedBefore only records whose PSA watermark is before this instant (a widened ingest window reads the
 *                      stretch in front of what the mirror already covers)
 * @param idAbove       only ids strictly greater; honoured when {@link ReaderCapabilities#idRanges()}
 * @param idAtMost      only ids at most this; honoured when {@link ReaderCapabilities#idRanges()}
 * @param ticketIds     only notes or time entries of these tickets (at most
 *                      {@link ReaderCapabilities#parentIdsPerQuery(HelpdeskEntity)})
 * @param cursor        where the previous page ended, exactly as {@link RecordPage#nextCursor()} gave it; null for the
 *                      first page. Opaque: only the adapter that made it reads it
 * @param ids           only records with these ids (at most {@link #IDS_PER_QUERY}); every adapter honours it: how
 *                      the callback pipeline fetches the records a burst of webhooks named
 */
public record RecordQuery(HelpdeskEntity entity, Instant changedSince, Instant changedBefore, long idAbove,
                          Long idAtMost, List<Long> ticketIds, String cursor, List<Long> ids) {

    /** The most ids one {@link #byIds} query names. */
    public static final int IDS_PER_QUERY = 500;

    public RecordQuery {
        ticketIds = ticketIds == null ? List.of() : List.copyOf(ticketIds);
        ids = ids == null ? List.of() : List.copyOf(ids);
        if (ids.size() > IDS_PER_QUERY) {
            throw new IllegalArgumentException("at most " + IDS_PER_QUERY + " ids per query, got " + ids.size());
        }
    }

    public RecordQuery(HelpdeskEntity entity, Instant changedSince, Instant changedBefore, long idAbove,
                       Long idAtMost, List<Long> ticketIds, String cursor) {
        this(entity, changedSince, changedBefore, idAbove, idAtMost, ticketIds, cursor, List.of());
    }

    /**
     * The records of an entity with these ids (at most {@link #IDS_PER_QUERY}); ids the PSA does not have are absent.
     */
    public static RecordQuery byIds(HelpdeskEntity entity, List<Long> ids) {
        return new RecordQuery(entity, null, null, 0, null, List.of(), null, ids);
    }

    public static RecordQuery all(HelpdeskEntity entity) {
        return new RecordQuery(entity, null, null, 0, null, List.of(), null);
    }

    /** Records changed at or after {@code since}. */
    public static RecordQuery changedSince(HelpdeskEntity entity, Instant since) {
        return new RecordQuery(entity, since, null, 0, null, List.of(), null);
    }

    /** Notes or time entries of the given tickets. */
    public static RecordQuery childrenOf(HelpdeskEntity child, List<Long> ticketIds) {
        return new RecordQuery(child, null, null, 0, null, ticketIds, null);
    }

    /** This query limited to ids in {@code (above, atMost]}, {@code atMost} null for no upper end. */
    public RecordQuery inIds(long above, Long atMost) {
        return new RecordQuery(entity, changedSince, changedBefore, above, atMost, ticketIds, null, ids);
    }

    /** This query limited to records changed before {@code before} (null for no limit). */
    public RecordQuery changedBefore(Instant before) {
        return new RecordQuery(entity, changedSince, before, idAbove, idAtMost, ticketIds, cursor, ids);
    }

    /** The query for the page after the one that gave {@code next}. */
    public RecordQuery continuedAt(String next) {
        return new RecordQuery(entity, changedSince, changedBefore, idAbove, idAtMost, ticketIds, next, ids);
    }
}
