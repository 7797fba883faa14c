package horizon.helpdesk;

import java.time.Instant;

/**
 * A note in a ticket's thread.
 *
 * @param externalId        the PSA's note id
 * @param ticketId          the ticket the note belongs to
 * @param title             note title (may be required by the ticket category)
 * @param description       note text
 * @param noteType          note type picklist code
 * @param publish           publish (visibility) picklist code
 * @param creatorResourceId the resource who wrote it, {@code null} when a contact did
 * @param createdAt         when the note was created in the PSA
 * @param lastActivityAt    the PSA's last activity on the note
 * @param remoteUpdatedAt   the PSA watermark value, see {@link HelpdeskRecord#remoteUpdatedAt()}
 * @param rawJson           the PSA's JSON as received
 */
public record HelpdeskNote(
        long externalId,
        long ticketId,
        String title,
        String description,
        String noteType,
        String publish,
        Long creatorResourceId,
        Instant createdAt,
        Instant lastActivityAt,
        Instant remoteUpdatedAt,
        String rawJson) implements HelpdeskRecord {
}
