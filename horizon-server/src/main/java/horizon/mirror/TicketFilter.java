package horizon.mirror;

import java.time.Instant;
import java.util.Set;

/**
 * Which mirrored tickets to list and which page of them. Start from {@link #firstPage(int)} and narrow it:
 * {@code TicketFilter.firstPage(50).withStatuses(Set.of("1", "8")).withQueue(29682833L)}.
 *
 * @param statuses           status codes to include; empty for any status
 * @param queueId            only this queue, or {@code null}
 * @param assigneeResourceId only tickets whose primary resource is this, or {@code null}
 * @param unassigned         only tickets without a primary resource
 * @param search             only tickets whose number is this or whose title contains it (any case), or {@code null}
 * @param updatedSince       only tickets whose remote timestamp is at or after this, or {@code null}
 * @param afterExternalId    keyset paging for {@link Order#ID}: only ids greater than this, or {@code null}
 * @param offset             rows to skip (offset paging, either order)
 * @param limit              page size, 1 to {@value #MAX_LIMIT}
 * @param order              the order of the list
 */
public record TicketFilter(
        Set<String> statuses,
        Long queueId,
        Long assigneeResourceId,
        boolean unassigned,
        String search,
        Instant updatedSince,
        Long afterExternalId,
        int offset,
        int limit,
        Order order) {

    public static final int MAX_LIMIT = 1000;

    /** How a ticket list is ordered. */
    public enum Order {
        /** By the PSA's ticket id, ascending; the order for keyset paging with {@code afterExternalId}. */
        ID,
        /** Most recently active first (remote timestamp descending, then id descending). */
        RECENT_ACTIVITY
    }

    public TicketFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        order = order == null ? Order.ID : order;
        search = search == null || search.isBlank() ? null : search.strip();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (afterExternalId != null && order != Order.ID) {
            throw new IllegalArgumentException("keyset paging (afterExternalId) needs Order.ID");
        }
    }

    /** Every live ticket, ordered by id, {@code limit} at a time. */
    public static TicketFilter firstPage(int limit) {
        return new TicketFilter(Set.of(), null, null, false, null, null, null, 0, limit, Order.ID);
    }

    public TicketFilter withStatuses(Set<String> codes) {
        return new TicketFilter(codes, queueId, assigneeResourceId, unassigned, search,
                updatedSince, afterExternalId, offset, limit, order);
    }

    public TicketFilter withQueue(Long queue) {
        return new TicketFilter(statuses, queue, assigneeResourceId, unassigned, search,
                updatedSince, afterExternalId, offset, limit, order);
    }

    public TicketFilter withAssignee(Long resourceId) {
        return new TicketFilter(statuses, queueId, resourceId, unassigned, search,
                updatedSince, afterExternalId, offset, limit, order);
    }

    /** Only tickets without a primary resource. */
    public TicketFilter onlyUnassigned() {
        return new TicketFilter(statuses, queueId, assigneeResourceId, true, search, updatedSince, afterExternalId,
                offset, limit, order);
    }

    /** Only tickets whose number is {@code text} or whose title contains it. */
    public TicketFilter withSearch(String text) {
        return new TicketFilter(statuses, queueId, assigneeResourceId, unassigned, text, updatedSince,
                afterExternalId, offset, limit, order);
    }

    public TicketFilter withUpdatedSince(Instant since) {
        return new TicketFilter(statuses, queueId, assigneeResourceId, unassigned, search,
                since, afterExternalId, offset, limit, order);
    }

    public TicketFilter after(Long externalId) {
        return new TicketFilter(statuses, queueId, assigneeResourceId, unassigned, search,
                updatedSince, externalId, offset, limit, order);
    }

    public TicketFilter withOffset(int rows) {
        return new TicketFilter(statuses, queueId, assigneeResourceId, unassigned, search,
                updatedSince, afterExternalId, rows, limit, order);
    }

    public TicketFilter ordered(Order by) {
        return new TicketFilter(statuses, queueId, assigneeResourceId, unassigned, search,
                updatedSince, afterExternalId, offset, limit, by);
    }
}
