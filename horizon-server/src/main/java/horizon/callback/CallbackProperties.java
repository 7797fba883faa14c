package horizon.callback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the callback pipeline ({@code horizon.callbacks.*}); docs/configuration.md lists them.
 *
 * @param maxBodyBytes       largest call accepted (1 MiB); a larger one is answered 413
 * @param ingressPerSecond   calls per second one account may make, sustained, on one node; more are answered 429
 * @param ingressBurst       calls one account may make at once above the sustained rate
 * @param batchSize          inbox rows one processing pass claims
 * @param gather             how long the processor waits after the first new row for others to join its batch
 * @param idle               how often an idle processor looks for rows other nodes accepted
 * @param claimLease         how long a claimed batch stays with its node before another may take it (a crashed node)
 * @param maxAttempts        attempts before a row that keeps failing is marked failed
 * @param checkInterval      how often each account's webhooks are compared with what the PSA reports, and repaired;
 *                           due accounts are looked for every tenth of it, at most 100 at a time
 * @param retention          how long the Callback Log keeps a call
 * @param expectedEvery      how long without a callback turns Callback Status amber for an account whose polls keep
 *                           finding changes
 * @param perTicketReadsPerMinute tickets per minute whose notes the processor may read one ticket per request (a PSA
 *                           that lists them no other way); a burst beyond it is left to the next poll
 * @param burstGather        how long the processor gathers after a pass whose calls came at {@code burstRate} or
 *                           faster; doubled for each further such pass up to {@code burstGatherMax}
 * @param burstGatherMax     the longest the processor gathers during a burst
 * @param burstRate          calls per second (all accounts, claimed over about the last second) that make a burst:
 *                           passes gather longer, so one read covers more, and children of updated tickets wait for
 *                           the poll; below it every pass gathers {@code gather}, so a steady stream stays fresh
 */
@ConfigurationProperties("horizon.callbacks")
public record CallbackProperties(Integer maxBodyBytes, Integer ingressPerSecond, Integer ingressBurst,
                                 Integer batchSize, Duration gather, Duration idle, Duration claimLease,
                                 Integer maxAttempts, Duration checkInterval, Duration retention,
                                 Duration expectedEvery, Integer perTicketReadsPerMinute, Duration burstGather,
                                 Integer burstRate, Duration burstGatherMax) {

    public CallbackProperties {
        maxBodyBytes = maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
        ingressPerSecond = ingressPerSecond == null ? 500 : ingressPerSecond;
        ingressBurst = ingressBurst == null ? 5_000 : ingressBurst;
        batchSize = batchSize == null ? 2_000 : batchSize;
        gather = gather == null ? Duration.ofMillis(100) : gather;
        idle = idle == null ? Duration.ofSeconds(1) : idle;
        claimLease = claimLease == null ? Duration.ofMinutes(2) : claimLease;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        checkInterval = checkInterval == null ? Duration.ofMinutes(5) : checkInterval;
        retention = retention == null ? Duration.ofDays(30) : retention;
        expectedEvery = expectedEvery == null ? Duration.ofHours(1) : expectedEvery;
        perTicketReadsPerMinute = perTicketReadsPerMinute == null ? 60 : perTicketReadsPerMinute;
        burstGather = burstGather == null ? Duration.ofSeconds(1) : burstGather;
        burstRate = burstRate == null ? 150 : burstRate;
        burstGatherMax = burstGatherMax == null ? Duration.ofSeconds(5) : burstGatherMax;
    }
}
