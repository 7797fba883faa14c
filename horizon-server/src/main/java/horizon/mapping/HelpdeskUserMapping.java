package horizon.mapping;

import java.time.Instant;

/**
 * A stored binding of one helpdesk user (PSA resource) to one Horizon user of the same account.
 *
 * @param accountId              the account
 * @param helpdeskUserExternalId the PSA's resource id
 * @param horizonUserId          the Horizon user
 * @param mappedAt               when the binding was made (Horizon's clock)
 * @param mappedBy               the Horizon user who made it, {@code null} if that user is unknown
 */
public record HelpdeskUserMapping(long accountId, long helpdeskUserExternalId, long horizonUserId, Instant mappedAt,
                                  Long mappedBy) {
}
