package horizon.helpdesk;

import java.util.List;

/**
 * One page of records in ascending id order.
 *
 * @param records  at most {@link #MAX_SIZE} records
 * @param lastId   the largest id on the page (the next cursor), or the cursor asked with when the page is empty
 * @param complete true when no record with a larger id matches the query
 */
public record RecordPage<R extends HelpdeskRecord>(List<R> records, long lastId, boolean complete) {

    public static final int MAX_SIZE = 500;

    public RecordPage {
        records = List.copyOf(records);
    }
}
