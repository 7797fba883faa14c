package horizon.mirror;

import horizon.helpdesk.HelpdeskRecord;
import java.util.List;

/**
 * One page of mirrored records.
 *
 * @param items   the records on this page
 * @param hasMore whether another page follows
 * @param <T>     the record type
 */
public record MirrorPage<T extends HelpdeskRecord>(List<T> items, boolean hasMore) {

    public MirrorPage {
        items = List.copyOf(items);
    }

    /** The id to pass as {@code afterExternalId} for the next page of an id-ordered list; null on the last page. */
    public Long nextAfterExternalId() {
        return hasMore && !items.isEmpty() ? items.get(items.size() - 1).externalId() : null;
    }
}
