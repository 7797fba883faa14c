package horizon.todo;

import java.time.Instant;

/**
 * A scheduled todo as stored: work planned on a PSA ticket for one Horizon user of the account.
 *
 * @param ticketId the PSA ticket's external id
 * @param doneAt   when it was marked done; null while not done
 * @param notes    free text, or null
 * @param version  1 when created, one more with every change; a change names the version it was made on
 */
public record Todo(long id, long accountId, long ticketId, String title, long assigneeUserId, Instant startsAt,
                   Instant endsAt, boolean done, Instant doneAt, String notes, long createdByUserId,
                   Instant createdAt, Instant updatedAt, int version) {
}
