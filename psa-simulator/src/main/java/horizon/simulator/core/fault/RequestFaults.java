package horizon.simulator.core.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaviour of a simulated PSA's API on demand, shared by every simulator: down (until told otherwise or for a
 * while), slow, failing at a seeded rate, refusing a burst or a storm of requests with 429, and {@link FaultRule}s
 * aimed at one route and attempt number (5xx before the handler, a write that commits and then fails its response,
 * a response that stalls mid-body).
 */
public final class RequestFaults {
    private final Random random;
    private volatile boolean apiDown;
    private volatile Instant downUntil = Instant.MIN;
    private volatile Duration latency;
    private volatile int errorStatus = 500;
    private volatile double errorRate;
    private final AtomicInteger burst429 = new AtomicInteger();
    private volatile Instant stormUntil = Instant.MIN;
    private final List<ArmedRule> rules = new ArrayList<>();

    public RequestFaults(long seed, Duration latency) {
        this.random = new Random(seed ^ 0xFA17L);
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    /** Whether the API is down at {@code now}: switched off, or inside a down-for-a-while window. */
    public boolean down(Instant now) {
        return apiDown || now.isBefore(downUntil);
    }

    public boolean apiDown() {
        return apiDown;
    }

    public void setApiDown(boolean down) {
        this.apiDown = down;
        if (!down) {
            downUntil = Instant.MIN;
        }
    }

    /** The API is down from {@code now} for {@code duration}, then back by itself. */
    public void downFor(Instant now, Duration duration) {
        this.downUntil = now.plus(duration);
    }

    public Instant downUntil() {
        return downUntil;
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

    /** Every API request from {@code now} for {@code duration} is refused with 429: a storm, not a burst. */
    public void storm429(Instant now, Duration duration) {
        this.stormUntil = now.plus(duration);
    }

    public Instant stormUntil() {
        return stormUntil;
    }

    /** Whether this request falls in a 429 burst (consuming one) or storm. */
    public boolean take429(Instant now) {
        return now.isBefore(stormUntil) || burst429.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
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

    /** Arms a rule; its attempts are counted from now. */
    public void add(FaultRule rule) {
        synchronized (rules) {
            rules.add(new ArmedRule(rule));
        }
    }

    public List<FaultRule> rules() {
        synchronized (rules) {
            return rules.stream().map(ArmedRule::rule).toList();
        }
    }

    /**
     * Counts this request against every rule aimed at it and returns the first that fires. Called once per request,
     * after the PSA has accepted the caller, so attempt numbers count calls that reached the API.
     */
    public Optional<FaultRule> aimedAt(String method, String route) {
        synchronized (rules) {
            FaultRule fired = null;
            for (ArmedRule armed : rules) {
                if (!armed.rule().matches(method, route)) {
                    continue;
                }
                int attempt = ++armed.attempts;
                if (fired == null && armed.rule().coversAttempt(attempt) && draw(armed.rule().rate())) {
                    fired = armed.rule();
                }
            }
            return Optional.ofNullable(fired);
        }
    }

    private boolean draw(double rate) {
        if (rate >= 1) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }

    /** Back to a faithful API: no outage, latency, error rate, 429s or rules. */
    public void clear() {
        setApiDown(false);
        setLatency(Duration.ZERO);
        setErrorRate(500, 0);
        burst429(0);
        stormUntil = Instant.MIN;
        synchronized (rules) {
            rules.clear();
        }
    }

    private static final class ArmedRule {
        private final FaultRule rule;
        private int attempts;

        private ArmedRule(FaultRule rule) {
            this.rule = rule;
        }

        FaultRule rule() {
            return rule;
        }
    }
}
