package horizon.helpdesk;

import java.time.Instant;

/**
 * A PSA company (the MSP's customer, or the MSP itself).
 *
 * @param externalId      the PSA's company id (Autotask: 0 is the owning company)
 * @param name            the company name
 * @param type            company type picklist code
 * @param phone           main phone number
 * @param active          whether the PSA lists the company as active
 * @param ownerResourceId the account manager's resource id
 * @param lastActivityAt  the PSA's last activity on the company
 * @param remoteUpdatedAt the PSA watermark value, see {@link HelpdeskRecord#remoteUpdatedAt()}
 * @param rawJson         the PSA's JSON as received
 */
public record HelpdeskCompany(
        long externalId,
        String name,
        String type,
        String phone,
        boolean active,
        Long ownerResourceId,
        Instant lastActivityAt,
        Instant remoteUpdatedAt,
        String rawJson) implements HelpdeskRecord {
}
