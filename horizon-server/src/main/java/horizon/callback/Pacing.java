package horizon.callback;

import java.time.Duration;

/**
 * When the processor's next pass starts. A steady stream is read every {@code gather}, so a change is in the mirror a
 * moment after its call. Calls coming at {@code burstRate} or faster are a burst: each pass then waits longer
 * ({@code burstGather}, doubled per further burst pass up to {@code burstGatherMax}), so one read covers many calls.
 * The rate is the calls claimed over the time they took, both decaying with a half-life of one second, so a handful
 * of calls that happen to land together is no burst, and the end of a burst is seen at the next pass. Used by the
 * processor's one thread.
 */
final class Pacing {

    private static final double HALF_LIFE_SECONDS = 1.0;
    /** The shortest span a rate is taken over: a full batch claimed at once right after another is still a rate. */
    private static final double MIN_SECONDS = 0.25;

    private final CallbackProperties properties;
    private double rows;
    private double seconds;

    Pacing(CallbackProperties properties) {
        this.properties = properties;
    }

    /**
     * Counts a claim of {@code claimed} rows made {@code since} the previous one (null for the first) and says whether
     * the calls now come at the burst rate or faster.
     */
    boolean claimed(int claimed, Duration since) {
        if (since == null) {
            return false;
        }
        double elapsed = since.toNanos() / 1e9;
        double decay = Math.pow(0.5, elapsed / HALF_LIFE_SECONDS);
        rows = rows * decay + claimed;
        seconds = seconds * decay + elapsed;
        return rows / Math.max(seconds, MIN_SECONDS) >= properties.burstRate();
    }

    /** How long to gather before the next pass, after {@code passes} burst passes in a row (0 outside a burst). */
    Duration gather(int passes) {
        if (passes == 0) {
            return properties.gather();
        }
        Duration gather = properties.burstGather().multipliedBy(1L << Math.min(passes - 1, 10));
        return gather.compareTo(properties.burstGatherMax()) > 0 ? properties.burstGatherMax() : gather;
    }
}
