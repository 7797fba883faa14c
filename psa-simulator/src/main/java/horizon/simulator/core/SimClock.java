package horizon.simulator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's time: record timestamps come from {@link #now()}, and Autotask's own delays (webhook timeout and
 * retry) pass through {@link #scaled(Duration)} so a test can run the 30 s retry in 300 ms.
 */
public final class SimClock {
    private final Clock clock;
    private final double timeScale;

    public SimClock(Clock clock, double timeScale) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("timeScale must be positive, was " + timeScale);
        }
        this.clock = clock;
        this.timeScale = timeScale;
    }

    public Instant now() {
        return clock.instant();
    }

    public Duration scaled(Duration autotaskDelay) {
        return Duration.ofNanos(Math.round(autotaskDelay.toNanos() * timeScale));
    }

    public double timeScale() {
        return timeScale;
    }
}
