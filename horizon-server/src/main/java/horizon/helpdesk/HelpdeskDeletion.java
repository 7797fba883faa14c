package horizon.helpdesk;

import java.time.Instant;

/**
 * A record a {@link DeletionFeed} reports as deleted (Autotask: a DeletedTicketLogs or DeletedTicketActivityLogs row).
 *
 * <p>Some logs do not name the deleted record: Autotask's DeletedTicketActivityLogs says only which ticket lost a note
 * or time entry. Such a deletion has {@link #UNKNOWN_ID} as its external id and the ticket in {@link #ticketId()}; the
 * sync engine then re-reads that ticket's notes or time entries and tombstones what is gone.
 *
 * @param logId      the deletion log row's id, the cursor for reading the log
 * @param entity     what was deleted: tickets, notes or time entries
 * @param externalId the deleted record's id, or {@link #UNKNOWN_ID} when the log does not name it
 * @param deletedAt  when the PSA deleted it, on the PSA's clock
 * @param ticketId   the ticket the deleted record belonged to (for a deleted ticket, the ticket itself); {@code null}
 *                   when the log does not say
 */
public record HelpdeskDeletion(long logId, HelpdeskEntity entity, long externalId, Instant deletedAt, Long ticketId) {

    /** The external id of a deletion whose log does not name the deleted record. */
    public static final long UNKNOWN_ID = 0;

    /** A deletion that names the deleted record; a deleted ticket is its own ticket. */
    public HelpdeskDeletion(long logId, HelpdeskEntity entity, long externalId, Instant deletedAt) {
        this(logId, entity, externalId, deletedAt, entity == HelpdeskEntity.TICKETS ? externalId : null);
    }

    /** Whether the log named the deleted record, so it can be tombstoned directly. */
    public boolean identified() {
        return externalId != UNKNOWN_ID;
    }
}
