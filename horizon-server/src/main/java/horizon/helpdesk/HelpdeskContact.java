package horizon.helpdesk;

import java.time.Instant;

/**
 * A person at a company who raises tickets.
 *
 * @param externalId      the PSA's contact id
 * @param companyId       the contact's company
 * @param firstName       first name
 * @param lastName        last name
 * @param email           primary e-mail address
 * @param phone           phone number
 * @param active          whether the contact is active (Autotask sends an integer; the adapter maps it)
 * @param lastActivityAt  the PSA's last activity on the contact
 * @param lastModifiedAt  the PSA's last change to the contact itself
 * @param remoteUpdatedAt the PSA watermark value, see {@link HelpdeskRecord#remoteUpdatedAt()}
 * @param rawJson         the PSA's JSON as received
 */
public record HelpdeskContact(
        long externalId,
        Long companyId,
        String firstName,
        String lastName,
        String email,
        String phone,
        boolean active,
        Instant lastActivityAt,
        Instant lastModifiedAt,
        Instant remoteUpdatedAt,
        String rawJson) implements HelpdeskRecord {
}
