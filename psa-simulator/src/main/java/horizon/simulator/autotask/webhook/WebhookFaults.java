package horizon.simulator.autotask.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * Misbehaviour of webhook delivery on demand; rates are probabilities in [0, 1], decided per event with a Random
 * seeded from the simulator's seed.
 * <ul>
 *     <li>dropRate: the event is silently never sent (its SequenceNumber is still used, so a receiver sees a gap)</li>
 *     <li>duplicateRate: the event is queued twice, same bytes, same SequenceNumber</li>
 *     <li>reorderRate: the event is swapped with the one queued just before it, if that one is not being sent yet</li>
 *     <li>delay: wall-clock time (not scaled by the time scale) waited before the first attempt of every event</li>
 * </ul>
 */
public final class WebhookFaults {
    private volatile double dropRate;
    private volatile double duplicateRate;
    private volatile double reorderRate;
    private volatile Duration delay = Duration.ZERO;

    public double dropRate() {
        return dropRate;
    }

    public WebhookFaults dropRate(double rate) {
        this.dropRate = checked(rate);
        return this;
    }

    public double duplicateRate() {
        return duplicateRate;
    }

    public WebhookFaults duplicateRate(double rate) {
        this.duplicateRate = checked(rate);
        return this;
    }

    public double reorderRate() {
        return reorderRate;
    }

    public WebhookFaults reorderRate(double rate) {
        this.reorderRate = checked(rate);
        return this;
    }

    public Duration delay() {
        return delay;
    }

    public WebhookFaults delay(Duration extraDelay) {
        Objects.requireNonNull(extraDelay, "delay");
        if (extraDelay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + extraDelay);
        }
        this.delay = extraDelay;
        return this;
    }

    /** Back to faithful delivery. */
    public WebhookFaults reset() {
        dropRate = 0;
        duplicateRate = 0;
        reorderRate = 0;
        delay = Duration.ZERO;
        return this;
    }

    private static double checked(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a rate is a probability in [0, 1], was " + rate);
        }
        return rate;
    }
}
