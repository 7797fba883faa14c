package horizon.mirror;

import java.time.Instant;

/**
 * Where one mirrored ticket stands, tombstoned or not: what a trace of "this ticket isn't in Horizon" starts from.
 *
 * @param remoteUpdatedAt the PSA's timestamp of the version held
 * @param mirroredAt      when Horizon last wrote the row
 * @param deletedAt       when the PSA deleted it, or null while live
 */
public record MirrorRowState(long externalId, String ticketNumber, String title, Instant remoteUpdatedAt,
                             Instant mirroredAt, Instant deletedAt) {
}
