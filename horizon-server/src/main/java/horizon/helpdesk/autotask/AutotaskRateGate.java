package horizon.helpdesk.autotask;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.RequestBudgets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Paces every request Horizon sends to an Autotask database, one gate per tenant (integration code + API user): at most
 * {@link AutotaskGateProperties#threadsPerEndpoint()} requests in flight per endpoint, an hourly share of the database's
 * request threshold over a rolling 60 minutes, a periodic ThresholdInformation reading, a slow-down when the whole
 * database is busy, and backoff with full jitter on 429.
 *
 * <p>The hourly share is kept in Horizon's database ({@link RequestBudgets}), leased in small blocks, so all nodes
 * together and a restarted node keep to it. The endpoint slots are this node's own: each node allows itself
 * {@code threadsPerEndpoint} in flight.
 */
@Component
@EnableConfigurationProperties(AutotaskGateProperties.class)
public class AutotaskRateGate {

    /** Autotask's documented threshold, assumed until the first ThresholdInformation reading. */
    static final int DEFAULT_THRESHOLD = 10_000;
    static final String THRESHOLD_ENDPOINT = "ThresholdInformation";

    private static final Logger log = LoggerFactory.getLogger(AutotaskRateGate.class);
    private static final Duration WINDOW = Duration.ofMinutes(60);
    /** The hourly share is counted per minute across nodes; a leased block is spent within its minute. */
    private static final Duration SLOT = Duration.ofMinutes(1);
    private static final String PSA = "autotask";

    /** How the gate waits; tests replace it with one that advances their clock. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * What the gate knows about one tenant, for the configuration page.
     *
     * @param requestsSent       requests sent since start (retries included)
     * @param requestsInLastHour requests this node sent in the rolling 60 minutes
     * @param countedInLastHour  requests every node leased from the hourly share in the rolling 60 minutes (a block
     *                           being spent counts whole)
     * @param hourlyAllowance    Horizon's share of the threshold: requests it allows itself per 60 minutes
     * @param budgetSharePercent the configured share
     * @param lastReading        the last ThresholdInformation reading, {@code null} before the first
     * @param slowedDown         whether the database's total use is above the slow-down mark
     * @param endpoints          per endpoint (as first called, e.g. {@code Tickets}): requests in flight now and the peak
     */
    public record Snapshot(long requestsSent, int requestsInLastHour, int countedInLastHour, int hourlyAllowance,
                           int budgetSharePercent, ApiBudget lastReading, boolean slowedDown,
                           Map<String, EndpointLoad> endpoints) {
    }

    /**
     * Concurrency on one endpoint.
     *
     * @param inFlight requests running now
     * @param peak     the most that ever ran at once
     */
    public record EndpointLoad(int inFlight, int peak) {
    }

    private final AutotaskGateProperties properties;
    private final Clock clock;
    private final Pause pause;
    private final RequestBudgets budgets;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    @Autowired
    AutotaskRateGate(AutotaskGateProperties properties, Clock clock, RequestBudgets budgets) {
        this(properties, clock, AutotaskRateGate::sleep, budgets);
    }

    AutotaskRateGate(AutotaskGateProperties properties, Clock clock, Pause pause, RequestBudgets budgets) {
        this.properties = properties;
        this.clock = clock;
        this.pause = pause;
        this.budgets = budgets;
    }

    /**
     * Sends one request through the gate; 429s are retried with backoff up to the configured number. {@code endpoint} is the entity collection (its query, count and
     * entityInformation calls share it), as Autotask counts threads.
     *
     * @throws HelpdeskException RATE_LIMITED (retriable) when the hourly share or an endpoint slot does not free within
     *                           the maximum wait, or Autotask still answers 429 after the last retry; any other failure
     *                           of the request unchanged
     */
    <T> T send(HelpdeskCredentials credentials, String endpoint, Supplier<T> request,
               Supplier<JsonNode> thresholdRead) {
        Tenant tenant = tenant(credentials);
        refreshIfDue(tenant, thresholdRead);
        return sendCounted(tenant, endpoint, request);
    }

    /** Reads ThresholdInformation now (through the gate, counted) and remembers it. */
    ApiBudget readBudget(HelpdeskCredentials credentials, Supplier<JsonNode> thresholdRead) {
        Tenant tenant = tenant(credentials);
        tenant.lastReadAttempt = clock.instant();
        return readThreshold(tenant, thresholdRead);
    }

    long requestsSent(HelpdeskCredentials credentials) {
        return tenant(credentials).sent.get();
    }

    int requestsInLastHour(HelpdeskCredentials credentials) {
        Tenant tenant = tenant(credentials);
        synchronized (tenant.window) {
            prune(tenant.window, clock.instant());
            return tenant.window.size();
        }
    }

    /** The gate's counters for one tenant; sends nothing. */
    public Snapshot snapshot(HelpdeskCredentials credentials) {
        Tenant tenant = tenant(credentials);
        Map<String, EndpointLoad> loads = new TreeMap<>();
        tenant.endpoints.values().forEach(e -> loads.put(e.name, new EndpointLoad(e.inFlight.get(), e.peak.get())));
        return new Snapshot(tenant.sent.get(), requestsInLastHour(credentials),
                budgets.counted(tenant.budget, clock.instant()), allowance(tenant),
                properties.budgetSharePercent(), tenant.reading, busy(tenant), Map.copyOf(loads));
    }

    private <T> T sendCounted(Tenant tenant, String endpoint, Supplier<T> request) {
        Endpoint bucket = tenant.endpoint(endpoint);
        HelpdeskException refusal = null;
        int throttled = 0;
        while (true) {
            acquire(tenant, bucket);
            try {
                reserve(tenant);
                if (busy(tenant)) {
                    pauseFor(properties.slowDownDelay());
                }
                return request.get();
            } catch (HelpdeskException failure) {
                if (failure.kind() != Kind.RATE_LIMITED || failure.httpStatus() == 0) {
                    throw failure;
                }
                refusal = failure;
                if (++throttled > properties.maxRetries()) {
                    break;
                }
            } finally {
                // The slot is free again on every path: an answer, a refusal, a stall cut off by the deadline.
                bucket.release();
            }
            Duration backoff = backoff(throttled);
            log.info("autotask gate={} endpoint={} answered 429; retry {} of {} in {} ms", tenant.label, endpoint,
                    throttled, properties.maxRetries(), backoff.toMillis());
            pauseFor(backoff);
        }
        log.warn("autotask gate={} endpoint={} still answered 429 after {} retries", tenant.label, endpoint,
                properties.maxRetries());
        String said = refusal.psaMessage().orElse(null);
        throw HelpdeskException.answered(Kind.RATE_LIMITED, "Autotask kept refusing requests to " + endpoint
                + " as too many (HTTP 429) after " + properties.maxRetries() + " retries with backoff. Its limits are "
                + "shared with the database's other integrations; Horizon will try again later."
                + (said == null ? "" : " Autotask said: \"" + said + "\""), refusal.httpStatus(), said);
    }

    /** Waits for one of the endpoint's slots; fair, so the longest waiting request goes next. */
    private void acquire(Tenant tenant, Endpoint bucket) {
        boolean acquired;
        try {
            acquired = bucket.permits.tryAcquire(properties.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw interruptedWhileWaiting();
        }
        if (!acquired) {
            throw HelpdeskException.transport(Kind.RATE_LIMITED, "All " + properties.threadsPerEndpoint()
                    + " request slots Autotask allows on " + bucket.name + " stayed busy for "
                    + properties.maxWait().toSeconds() + " s. Horizon will try again later.", null);
        }
        int now = bucket.inFlight.incrementAndGet();
        bucket.peak.accumulateAndGet(now, Math::max);
        if (log.isDebugEnabled()) {
            log.debug("autotask gate={} endpoint={} in flight {}", tenant.label, bucket.name, now);
        }
    }

    /**
     * Takes one request from the hourly share: Horizon's own requests of the last 60 minutes on every node, against its
     * share of the threshold of the last reading. A request comes from the block this node leased for the current
     * minute; when that is spent, expired, or leased under another allowance, the gate leases the next block (handing
     * back what it did not send). When the share is used up it waits until the oldest requests leave the window,
     * unless that is further away than the maximum wait.
     */
    private void reserve(Tenant tenant) {
        Duration maxWait = properties.maxWait();
        Instant deadline = clock.instant().plus(maxWait);
        boolean locked;
        try {
            locked = tenant.budgetLock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw interruptedWhileWaiting();
        }
        if (!locked) {
            throw shareUsedUp(tenant, maxWait);
        }
        try {
            while (true) {
                Instant now = clock.instant();
                int allowance = allowance(tenant);
                if (tenant.leased > 0 && now.isBefore(tenant.leaseEnds) && tenant.leaseAllowance == allowance) {
                    tenant.leased--;
                    synchronized (tenant.window) {
                        prune(tenant.window, now);
                        tenant.window.addLast(now);
                    }
                    tenant.sent.incrementAndGet();
                    return;
                }
                // Before the first reading the allowance is only assumed: lease just the request that reads it.
                int wanted = tenant.reading == null ? 1 : block(allowance);
                RequestBudgets.Lease lease = budgets.lease(tenant.budget, allowance, wanted, now, tenant.leaseSlot,
                        tenant.leased);
                tenant.leaseSlot = lease.slotStart();
                tenant.leaseEnds = lease.validUntil();
                tenant.leaseAllowance = allowance;
                tenant.leased = lease.granted();
                if (lease.granted() > 0) {
                    continue;
                }
                Duration wait = Duration.between(now, lease.roomAt());
                if (now.plus(wait).isAfter(deadline)) {
                    throw shareUsedUp(tenant, wait);
                }
                log.info("autotask gate={} hourly share used ({} requests); waiting {} ms for the window",
                        tenant.label, allowance(tenant), wait.toMillis());
                pauseFor(wait);
            }
        } finally {
            tenant.budgetLock.unlock();
        }
    }

    private HelpdeskException shareUsedUp(Tenant tenant, Duration wait) {
        ApiBudget reading = tenant.reading;
        int threshold = reading == null || reading.threshold() <= 0 ? DEFAULT_THRESHOLD : reading.threshold();
        log.info("autotask gate={} hourly share used up; next slot in {} s", tenant.label, wait.toSeconds());
        return HelpdeskException.transport(Kind.RATE_LIMITED, "Horizon has used its share of this Autotask database's "
                + "requests for the last 60 minutes (" + allowance(tenant) + " requests, "
                + properties.budgetSharePercent() + "% of the threshold of " + threshold + "). The next request fits in "
                + "about " + Math.max(1, wait.toSeconds()) + " s; Horizon will try again then. Raise "
                + "horizon.autotask.budget-share-percent to give Horizon more.", null);
    }

    private void refreshIfDue(Tenant tenant, Supplier<JsonNode> thresholdRead) {
        Instant now = clock.instant();
        Instant last = tenant.lastReadAttempt;
        if (last != null && now.isBefore(last.plus(properties.thresholdReadInterval()))) {
            return;
        }
        if (!tenant.refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            tenant.lastReadAttempt = now;
            readThreshold(tenant, thresholdRead);
        } catch (HelpdeskException failure) {
            // The reading only tunes the pace: go on with the last one and try again at the next interval; a problem
            // with the credentials shows up on the request itself.
            log.info("autotask gate={} ThresholdInformation not read kind={}", tenant.label, failure.kind());
        } finally {
            tenant.refreshing.set(false);
        }
    }

    private ApiBudget readThreshold(Tenant tenant, Supplier<JsonNode> thresholdRead) {
        JsonNode answer = sendCounted(tenant, THRESHOLD_ENDPOINT, thresholdRead);
        ApiBudget reading = new ApiBudget(
                answer.path("currentTimeframeRequestCount").asInt(0),
                answer.path("externalRequestThreshold").asInt(0),
                answer.path("requestThresholdTimeframe").asInt(60),
                clock.instant());
        boolean wasBusy = busy(tenant);
        tenant.reading = reading;
        boolean isBusy = busy(tenant);
        if (isBusy != wasBusy) {
            log.info("autotask gate={} database at {}% of its threshold of {}; {}", tenant.label,
                    reading.percentUsed(), reading.threshold(), isBusy ? "slowing down" : "back to full pace");
        }
        return reading;
    }

    /** Requests leased at once: a few per lease keeps the database out of most requests, and little unspent. */
    static int block(int allowance) {
        return Math.max(1, Math.min(20, allowance / 50));
    }

    private int allowance(Tenant tenant) {
        ApiBudget reading = tenant.reading;
        long threshold = reading == null || reading.threshold() <= 0 ? DEFAULT_THRESHOLD : reading.threshold();
        return (int) Math.max(1, threshold * properties.budgetSharePercent() / 100);
    }

    private boolean busy(Tenant tenant) {
        ApiBudget reading = tenant.reading;
        return reading != null && reading.threshold() > 0
                && reading.requestsUsed() * 100L > (long) properties.slowDownAbovePercent() * reading.threshold();
    }

    /** Full jitter: a random pause between 0 and a ceiling that doubles per retry up to the maximum. */
    private Duration backoff(int attempt) {
        long base = Math.max(1, properties.backoffBase().toMillis());
        long ceiling = Math.min(properties.backoffMax().toMillis(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private void pauseFor(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            pause.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw interruptedWhileWaiting();
        }
    }

    private static HelpdeskException interruptedWhileWaiting() {
        return HelpdeskException.transport(Kind.RATE_LIMITED,
                "Horizon stopped waiting for Autotask's rate limits because it is shutting down.", null);
    }

    private static void prune(ArrayDeque<Instant> window, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!window.isEmpty() && !window.peekFirst().isAfter(cutoff)) {
            window.pollFirst();
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }

    private Tenant tenant(HelpdeskCredentials credentials) {
        String key = key(credentials);
        return tenants.computeIfAbsent(key, k -> new Tenant(k.substring(0, 8), properties.threadsPerEndpoint(),
                new RequestBudgets.Tenant(PSA, k, WINDOW, SLOT)));
    }

    /** A digest, so that neither the map nor a log line holds the integration code or the user name. */
    private static String key(HelpdeskCredentials credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((credentials.value(AutotaskApi.INTEGRATION_CODE) + "\n"
                    + credentials.value(AutotaskApi.USER_NAME)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    /** One tenant's state; the lease fields are guarded by {@code budgetLock}. */
    private static final class Tenant {
        final String label;
        final int threads;
        final RequestBudgets.Tenant budget;
        final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
        final ReentrantLock budgetLock = new ReentrantLock(true);
        final ArrayDeque<Instant> window = new ArrayDeque<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicBoolean refreshing = new AtomicBoolean();
        volatile ApiBudget reading;
        volatile Instant lastReadAttempt;
        Instant leaseSlot;
        Instant leaseEnds;
        int leaseAllowance;
        int leased;

        Tenant(String label, int threads, RequestBudgets.Tenant budget) {
            this.label = label;
            this.threads = threads;
            this.budget = budget;
        }

        Endpoint endpoint(String name) {
            return endpoints.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new Endpoint(name, threads));
        }
    }

    /** One endpoint's slots and counters. */
    private static final class Endpoint {
        final String name;
        final Semaphore permits;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        Endpoint(String name, int threads) {
            this.name = name;
            this.permits = new Semaphore(threads, true);
        }

        void release() {
            inFlight.decrementAndGet();
            permits.release();
        }
    }
}
