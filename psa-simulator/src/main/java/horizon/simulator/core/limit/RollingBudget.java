package horizon.simulator.core.limit;

import horizon.simulator.core.SimClock;

/**
 * A request threshold over a rolling window (Autotask: per database per 60 minutes; ConnectWise: per company per
 * minute), kept as one counter per second so a check costs the same at 10 requests a window or a million.
 */
public final class RollingBudget {
    private final SimClock clock;
    private final int windowSeconds;
    private final long[] second;
    private final int[] count;
    private volatile int threshold;

    public RollingBudget(SimClock clock, int windowSeconds, int threshold) {
        this.clock = clock;
        this.windowSeconds = windowSeconds;
        this.second = new long[windowSeconds];
        this.count = new int[windowSeconds];
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    public void setThreshold(int newThreshold) {
        this.threshold = newThreshold;
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    /** Counts one request unless the window is already full; false means the request must be refused. */
    public synchronized boolean tryCount() {
        long now = clock.now().getEpochSecond();
        if (used(now) >= threshold) {
            return false;
        }
        int slot = (int) Math.floorMod(now, (long) windowSeconds);
        if (second[slot] != now) {
            second[slot] = now;
            count[slot] = 0;
        }
        count[slot]++;
        return true;
    }

    /** Requests counted in the window. */
    public synchronized int used() {
        return used(clock.now().getEpochSecond());
    }

    /** Seconds until the oldest counted second leaves the window, so a refused client knows when to come back. */
    public synchronized long secondsUntilFree() {
        long now = clock.now().getEpochSecond();
        long oldest = now;
        for (int i = 0; i < windowSeconds; i++) {
            if (count[i] > 0 && second[i] > now - windowSeconds && second[i] <= now) {
                oldest = Math.min(oldest, second[i]);
            }
        }
        return Math.max(1, oldest + windowSeconds - now);
    }

    private int used(long now) {
        int total = 0;
        for (int i = 0; i < windowSeconds; i++) {
            if (second[i] > now - windowSeconds && second[i] <= now) {
                total += count[i];
            }
        }
        return total;
    }
}
