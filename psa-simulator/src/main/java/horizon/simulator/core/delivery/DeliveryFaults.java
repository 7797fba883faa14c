package horizon.simulator.core.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaviour of webhook and callback delivery on demand, for every simulator. Rates are probabilities in [0, 1],
 * drawn per event from a Random seeded from the simulator's seed, so a run repeats.
 * <ul>
 *     <li>dropRate: the event is silently never sent (a receiver sees a gap)</li>
 *     <li>duplicateRate: the event is sent twice back to back, same bytes</li>
 *     <li>lateDuplicateRate: a copy of the event is sent again {@code lateDuplicateAfter} later</li>
 *     <li>reorderRate: the event is held back and sent right after the next event of the same webhook (or after
 *     {@code holdAtMost} when none comes), so reordering needs no backlog</li>
 *     <li>redeliverRate: after the receiver answered 2xx, the same event is delivered once more</li>
 *     <li>delay: wall-clock time (not scaled) waited before the first attempt of every event</li>
 *     <li>failNext: the next N delivery attempts fail without reaching the receiver (as a timeout would), so the
 *     PSA's retry and disablement rules run</li>
 * </ul>
 */
public final class DeliveryFaults {
    /** How long a held-back event waits for a successor before it is sent anyway. */
    public static final Duration HOLD_AT_MOST = Duration.ofSeconds(2);

    private final Random random;
    private volatile double dropRate;
    private volatile double duplicateRate;
    private volatile double lateDuplicateRate;
    private volatile Duration lateDuplicateAfter = Duration.ofSeconds(5);
    private volatile double reorderRate;
    private volatile double redeliverRate;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger failNext = new AtomicInteger();

    public DeliveryFaults(long seed) {
        this.random = new Random(seed);
    }

    /**
     * What happens to one event, drawn once when it is queued.
     *
     * @param drop          never sent
     * @param duplicate     sent twice back to back
     * @param lateDuplicate sent again {@link #lateDuplicateAfter()} later
     * @param holdBack      sent after the next event of the same target
     * @param redeliver     sent once more after a 2xx
     */
    public record Decision(boolean drop, boolean duplicate, boolean lateDuplicate, boolean holdBack,
                           boolean redeliver) {
        public static final Decision FAITHFUL = new Decision(false, false, false, false, false);
    }

    /** Draws the fate of one event. */
    public Decision decide() {
        synchronized (random) {
            if (chance(dropRate)) {
                return new Decision(true, false, false, false, false);
            }
            return new Decision(false, chance(duplicateRate), chance(lateDuplicateRate), chance(reorderRate),
                    chance(redeliverRate));
        }
    }

    /** Whether this delivery attempt is one of the next N that fail; consumes one. */
    public boolean takeFailure() {
        return failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    public double dropRate() {
        return dropRate;
    }

    public DeliveryFaults dropRate(double rate) {
        this.dropRate = checked(rate);
        return this;
    }

    public double duplicateRate() {
        return duplicateRate;
    }

    public DeliveryFaults duplicateRate(double rate) {
        this.duplicateRate = checked(rate);
        return this;
    }

    public double lateDuplicateRate() {
        return lateDuplicateRate;
    }

    public Duration lateDuplicateAfter() {
        return lateDuplicateAfter;
    }

    public DeliveryFaults lateDuplicate(double rate, Duration after) {
        this.lateDuplicateRate = checked(rate);
        this.lateDuplicateAfter = nonNegative(after);
        return this;
    }

    public double reorderRate() {
        return reorderRate;
    }

    public DeliveryFaults reorderRate(double rate) {
        this.reorderRate = checked(rate);
        return this;
    }

    public double redeliverRate() {
        return redeliverRate;
    }

    public DeliveryFaults redeliverRate(double rate) {
        this.redeliverRate = checked(rate);
        return this;
    }

    public Duration delay() {
        return delay;
    }

    public DeliveryFaults delay(Duration extraDelay) {
        this.delay = nonNegative(extraDelay);
        return this;
    }

    public int pendingFailures() {
        return failNext.get();
    }

    public DeliveryFaults failNext(int attempts) {
        failNext.set(Math.max(0, attempts));
        return this;
    }

    /** Back to faithful delivery. */
    public DeliveryFaults reset() {
        dropRate = 0;
        duplicateRate = 0;
        lateDuplicateRate = 0;
        lateDuplicateAfter = Duration.ofSeconds(5);
        reorderRate = 0;
        redeliverRate = 0;
        delay = Duration.ZERO;
        failNext.set(0);
        return this;
    }

    private static Duration nonNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative, was " + duration);
        }
        return duration;
    }

    private static double checked(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a rate is a probability in [0, 1], was " + rate);
        }
        return rate;
    }
}
