package horizon.helpdesk.autotask;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Horizon paces its requests to one Autotask database ({@code horizon.autotask.*}, next to
 * {@link AutotaskProperties}); see docs/configuration.md.
 *
 * @param budgetSharePercent     share of the database's hourly request threshold Horizon allows itself (1–100); the
 *                               rest is left to the MSP's other integrations
 * @param threadsPerEndpoint     requests in flight at once per endpoint (Autotask refuses a fourth with 429)
 * @param thresholdReadInterval  how often ThresholdInformation is read to learn the threshold and the database's use
 * @param slowDownAbovePercent   when the database's total use is above this share of its threshold, every request
 *                               waits {@code slowDownDelay} first
 * @param slowDownDelay          the pause per request while slowed down
 * @param maxWait                the longest a request waits for an endpoint slot or for the hourly share to free a
 *                               slot; beyond it the call fails as retriable RATE_LIMITED
 * @param backoffBase            first backoff ceiling after a 429; each retry doubles it (full jitter: a random pause
 *                               between 0 and the ceiling)
 * @param backoffMax             the largest backoff ceiling
 * @param maxRetries             retries after a 429 before the call fails as retriable RATE_LIMITED
 */
@ConfigurationProperties("horizon.autotask")
public record AutotaskGateProperties(
        @DefaultValue("50") int budgetSharePercent,
        @DefaultValue("3") int threadsPerEndpoint,
        @DefaultValue("5m") Duration thresholdReadInterval,
        @DefaultValue("90") int slowDownAbovePercent,
        @DefaultValue("1s") Duration slowDownDelay,
        @DefaultValue("60s") Duration maxWait,
        @DefaultValue("500ms") Duration backoffBase,
        @DefaultValue("30s") Duration backoffMax,
        @DefaultValue("5") int maxRetries) {

    public AutotaskGateProperties {
        if (budgetSharePercent < 1 || budgetSharePercent > 100) {
            throw new IllegalArgumentException(
                    "horizon.autotask.budget-share-percent must be between 1 and 100, was " + budgetSharePercent);
        }
        if (threadsPerEndpoint < 1) {
            throw new IllegalArgumentException(
                    "horizon.autotask.threads-per-endpoint must be at least 1, was " + threadsPerEndpoint);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("horizon.autotask.max-retries must not be negative, was " + maxRetries);
        }
    }

    /** The values used when nothing is configured. */
    public static AutotaskGateProperties defaults() {
        return new AutotaskGateProperties(50, 3, Duration.ofMinutes(5), 90, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(30), 5);
    }
}
