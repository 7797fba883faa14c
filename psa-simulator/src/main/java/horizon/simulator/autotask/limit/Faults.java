package horizon.simulator.autotask.limit;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Misbehaviour of the REST API on demand: down, slow, failing at a rate, or refusing a burst with 429. */
public final class Faults {
    private final Random random;
    private volatile boolean apiDown;
    private volatile Duration latency;
    private volatile int errorStatus = 500;
    private volatile double errorRate;
    private final AtomicInteger burst429 = new AtomicInteger();

    public Faults(long seed, Duration latency) {
        this.random = new Random(seed ^ 0xFA17L);
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    public boolean apiDown() {
        return apiDown;
    }

    public void setApiDown(boolean down) {
        this.apiDown = down;
    }

    public Duration latency() {
        return latency;
    }

    public void setLatency(Duration newLatency) {
        this.latency = newLatency == null ? Duration.ZERO : newLatency;
    }

    public int errorStatus() {
        return errorStatus;
    }

    public double errorRate() {
        return errorRate;
    }

    /** Makes a share of requests fail with 500 or 503. */
    public void setErrorRate(int status, double rate) {
        if (status != 500 && status != 503) {
            throw new IllegalArgumentException("error status must be 500 or 503, was " + status);
        }
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
        }
        this.errorStatus = status;
        this.errorRate = rate;
    }

    /** The next {@code requests} API requests are refused with 429. */
    public void burst429(int requests) {
        burst429.set(Math.max(0, requests));
    }

    public int pending429() {
        return burst429.get();
    }

    /** Whether this request falls in a 429 burst; consumes one. */
    public boolean take429() {
        return burst429.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Whether this request fails with {@link #errorStatus()}. */
    public boolean drawError() {
        double rate = errorRate;
        if (rate <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
