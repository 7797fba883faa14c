package horizon.helpdesk;

import java.util.List;

/**
 * One page of records.
 *
 * @param records    at most {@link ReaderCapabilities#pageSize()} records; ascending by id when the reader honours id
 *                   ranges
 * @param nextCursor what to continue with ({@link RecordQuery#continuedAt}); null when no more records match
 */
public record RecordPage<R extends HelpdeskRecord>(List<R> records, String nextCursor) {

    public RecordPage {
        records = List.copyOf(records);
    }

    public static <R extends HelpdeskRecord> RecordPage<R> last(List<R> records) {
        return new RecordPage<>(records, null);
    }

    /** True when no record after this page matches the query. */
    public boolean complete() {
        return nextCursor == null;
    }

    /** The largest id on the page, or {@code otherwise} when it is empty. */
    public long lastIdOr(long otherwise) {
        return records.stream().mapToLong(HelpdeskRecord::externalId).max().orElse(otherwise);
    }
}
