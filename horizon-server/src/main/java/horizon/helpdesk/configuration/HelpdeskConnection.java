package horizon.helpdesk.configuration;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskDatabase;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import java.time.Instant;
import java.util.Optional;

/**
 * An account's stored connection to its PSA: sealed credentials, what the last test found, and when.
 *
 * @param accountId       the owning account
 * @param kind            the PSA
 * @param sealedCredentials the {@link CredentialEnvelope}; null only for a connection stored before envelopes whose
 *                          fields did not open with the master key when they were moved (unreadable until replaced)
 * @param zone            the zone found by the last successful test
 * @param resource        the API user's resource found by the last successful test, may be null
 * @param lastTestAt      when the connection was last tested
 * @param lastTestOk      whether that test succeeded
 * @param lastTestMessage why it failed, null after a success
 * @param lastSuccessAt   when a test last succeeded
 * @param budget          the last request budget reading, may be null
 * @param database        the PSA database the credentials reach, null when not known yet
 * @param createdAt       when the connection was first saved
 * @param updatedAt       when it last changed
 */
public record HelpdeskConnection(long accountId, HelpdeskKind kind, String sealedCredentials, HelpdeskZone zone,
                                 HelpdeskResource resource, Instant lastTestAt, boolean lastTestOk,
                                 String lastTestMessage, Instant lastSuccessAt, ApiBudget budget,
                                 HelpdeskDatabase database, Instant createdAt, Instant updatedAt) {

    public Optional<HelpdeskResource> resourceIfKnown() {
        return Optional.ofNullable(resource);
    }

    public Optional<ApiBudget> budgetIfRead() {
        return Optional.ofNullable(budget);
    }
}
