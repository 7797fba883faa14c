package horizon.helpdesk;

import java.util.List;

/**
 * One page of records.
 *
 * @param records    at most {@link ReaderCapabilities#pageSize()} records; ascending by id when the reader honours id
 *                   ranges
 * @param nextCursor what to continue with ({@link RecordQuery#continuedAt}); null when no more records match
 * @param unreadable records of the page the adapter could not read, left out of {@code records}
 */
public record RecordPage<R extends HelpdeskRecord>(List<R> records, String nextCursor,
                                                   List<UnreadableRecord> unreadable) {

    public RecordPage {
        records = List.copyOf(records);
        unreadable = List.copyOf(unreadable);
    }

    public RecordPage(List<R> records, String nextCursor) {
        this(records, nextCursor, List.of());
    }

    public static <R extends HelpdeskRecord> RecordPage<R> last(List<R> records) {
        return new RecordPage<>(records, null);
    }

    /** True when no record after this page matches the query. */
    public boolean complete() {
        return nextCursor == null;
    }

    /** The largest id on the page (unreadable records too, so a cursor moves past them), or {@code otherwise}. */
    public long lastIdOr(long otherwise) {
        long read = records.stream().mapToLong(HelpdeskRecord::externalId).max().orElse(otherwise);
        long unread = unreadable.stream().mapToLong(UnreadableRecord::externalId).max().orElse(otherwise);
        return records.isEmpty() && unreadable.isEmpty() ? otherwise : Math.max(read, unread);
    }
}
