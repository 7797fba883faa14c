package horizon.helpdesk;

import java.time.Instant;

/**
 * What a successful connection test proved: where the tenant lives, who Horizon is there, and how much budget is left.
 *
 * @param zone     the discovered zone
 * @param resource the API user's own resource, read back with the given credentials
 * @param budget   the request budget read during the test
 * @param testedAt when the test finished
 * @param database which PSA database the credentials reach; null when the adapter cannot tell
 */
public record ConnectionTestResult(HelpdeskZone zone, HelpdeskResource resource, ApiBudget budget, Instant testedAt,
                                   HelpdeskDatabase database) {

    /** A result that does not say which database it reached. */
    public ConnectionTestResult(HelpdeskZone zone, HelpdeskResource resource, ApiBudget budget, Instant testedAt) {
        this(zone, resource, budget, testedAt, null);
    }
}
