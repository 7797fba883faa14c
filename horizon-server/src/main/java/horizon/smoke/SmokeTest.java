package horizon.smoke;

import java.time.Instant;
import java.util.List;

/**
 * A smoke test of the account's integration: a test ticket created in the PSA, seen arriving in Horizon, completed
 * from Horizon, seen completed in the PSA.
 *
 * @param state    RUNNING, PASSED or FAILED
 * @param ticketId the test ticket's PSA id once created
 */
public record SmokeTest(long id, long accountId, long startedBy, Instant startedAt, Instant finishedAt, String state,
                        Long ticketId, List<SmokeStep> steps) {

    public boolean running() {
        return "RUNNING".equals(state);
    }

    /** The whole run's time so far, in ms. */
    public long totalMillis() {
        return steps.stream().map(SmokeStep::millis).filter(java.util.Objects::nonNull).mapToLong(Long::longValue)
                .sum();
    }
}
