package horizon.helpdesk;

import java.time.Instant;

/**
 * A record the PSA reports as deleted (Autotask: a DeletedTicketLogs or DeletedTicketActivityLogs row).
 *
 * @param logId      the deletion log row's id, the cursor for reading the log
 * @param entity     what was deleted: tickets, notes or time entries
 * @param externalId the deleted record's id
 * @param deletedAt  when the PSA deleted it, on the PSA's clock
 */
public record HelpdeskDeletion(long logId, HelpdeskEntity entity, long externalId, Instant deletedAt) {
}
