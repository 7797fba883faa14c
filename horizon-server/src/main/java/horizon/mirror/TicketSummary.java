package horizon.mirror;

import java.time.Instant;

/**
 * A mirrored ticket in brief, tombstoned or not: what a feature that refers to tickets (todos) shows beside its own
 * data, and whether the ticket is still open in the PSA.
 *
 * @param number      the ticket number people quote
 * @param completedAt when the PSA completed it, or null
 * @param deletedAt   when the PSA deleted it (the mirror's tombstone), or null while it lives
 */
public record TicketSummary(long externalId, String number, String title, Instant completedAt, Instant deletedAt) {
}
