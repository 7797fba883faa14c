package horizon.helpdesk;

import java.util.Map;
import java.util.Set;

/**
 * What a PSA's API can do when read, so the sync engine picks its strategy from facts instead of from the PSA's name.
 *
 * @param pageSize          records per page the adapter asks for (Autotask 500, ConnectWise 1,000); pages may be
 *                          shorter, never longer
 * @param idRanges          whether {@link RecordQuery#idAbove()} and {@link RecordQuery#idAtMost()} are honoured and
 *                          results come in ascending id order: the backfill then reads segments of the id space in
 *                          parallel; without it, one forward pass per entity
 * @param counts            whether {@link HelpdeskReader#count} is cheap and exact (a backfill's progress total)
 * @param parentIdsPerQuery for notes and time entries, how many tickets one query may name
 *                          ({@link RecordQuery#ticketIds()}); 1 means the PSA lists them one ticket at a time
 * @param watermarked       the entities whose changes can be read across all tickets on the PSA's change watermark
 *                          ({@link RecordQuery#changedSince()}); children not listed here are re-read for each ticket
 *                          that changed
 */
public record ReaderCapabilities(int pageSize, boolean idRanges, boolean counts,
                                 Map<HelpdeskEntity, Integer> parentIdsPerQuery, Set<HelpdeskEntity> watermarked) {

    public ReaderCapabilities {
        parentIdsPerQuery = Map.copyOf(parentIdsPerQuery);
        watermarked = Set.copyOf(watermarked);
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
    }

    /** How many tickets one query for this child entity may name; at least 1. */
    public int parentIdsPerQuery(HelpdeskEntity child) {
        return Math.max(1, parentIdsPerQuery.getOrDefault(child, 1));
    }

    public boolean watermarked(HelpdeskEntity entity) {
        return watermarked.contains(entity);
    }
}
