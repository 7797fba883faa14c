package horizon.writeback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the outbox ({@code horizon.writeback.*}); docs/configuration.md lists them.
 *
 * @param idle       how often an idle worker looks for actions other nodes queued or whose pause is over
 * @param claimLease how long a claimed action stays with its node before another may take it (a crashed node); longer
 *                   than any one send can take
 * @param batchSize  actions one pass claims
 * @param maxPause   the longest pause between attempts of an action that keeps failing transiently
 * @param giveUpAfter how long an action is retried after transient failures before it is marked failed
 * @param senders    actions one node sends at once (each of another ticket); the adapter's rate gate still bounds
 *                   the requests per PSA tenant
 */
@ConfigurationProperties("horizon.writeback")
public record WritebackProperties(Duration idle, Duration claimLease, Integer batchSize, Duration maxPause,
                                  Duration giveUpAfter, Integer senders) {

    public WritebackProperties {
        idle = idle == null ? Duration.ofSeconds(1) : idle;
        claimLease = claimLease == null ? Duration.ofMinutes(3) : claimLease;
        batchSize = batchSize == null ? 50 : batchSize;
        maxPause = maxPause == null ? Duration.ofSeconds(15) : maxPause;
        giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
        senders = senders == null ? 4 : senders;
    }
}
