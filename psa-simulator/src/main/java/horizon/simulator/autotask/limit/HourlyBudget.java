package horizon.simulator.autotask.limit;

import horizon.simulator.core.SimClock;

/**
 * Autotask's external request threshold per database over a rolling 60 minutes, kept as one counter per second so a
 * check costs the same at 10 requests an hour or a million.
 */
public final class HourlyBudget {
    public static final int WINDOW_SECONDS = 3600;

    private final SimClock clock;
    private final long[] second = new long[WINDOW_SECONDS];
    private final int[] count = new int[WINDOW_SECONDS];
    private volatile int threshold;

    public HourlyBudget(SimClock clock, int threshold) {
        this.clock = clock;
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    public void setThreshold(int newThreshold) {
        this.threshold = newThreshold;
    }

    /** Counts one request unless the window is already full; false means the request must be refused. */
    public synchronized boolean tryCount() {
        long now = clock.now().getEpochSecond();
        if (used(now) >= threshold) {
            return false;
        }
        int slot = (int) Math.floorMod(now, (long) WINDOW_SECONDS);
        if (second[slot] != now) {
            second[slot] = now;
            count[slot] = 0;
        }
        count[slot]++;
        return true;
    }

    /** Requests counted in the last 60 minutes. */
    public synchronized int used() {
        return used(clock.now().getEpochSecond());
    }

    private int used(long now) {
        int total = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (second[i] > now - WINDOW_SECONDS && second[i] <= now) {
                total += count[i];
            }
        }
        return total;
    }
}
