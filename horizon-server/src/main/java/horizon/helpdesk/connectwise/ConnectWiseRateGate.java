package horizon.helpdesk.connectwise;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Paces every request Horizon sends to one ConnectWise tenant (site, company and API key): at most
 * {@link ConnectWiseProperties#requestsInFlight()} requests in flight, at most
 * {@link ConnectWiseProperties#requestsPerMinute()} in any rolling minute, and on a 429 a wait of the Retry-After
 * (cut to the maximum wait) before each of up to {@link ConnectWiseProperties#maxRetries()} retries. ConnectWise
 * publishes no budget, so Horizon's own count is all there is.
 *
 * <p>The per-minute allowance is kept in Horizon's database ({@link RequestBudgets}), leased in small blocks, so all
 * nodes together and a restarted node keep to it. The slots for requests in flight are this node's own.
 */
@Component
public class ConnectWiseRateGate {

    /** The wait after a 429 without a readable Retry-After: ConnectWise's guide says to start backing off at 30 s. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConnectWiseRateGate.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    /** The allowance is counted per five seconds across nodes; a leased block is spent within its five seconds. */
    private static final Duration SLOT = Duration.ofSeconds(5);
    private static final String PSA = "connectwise";

    /** How the gate waits; tests replace it with one that records or advances their clock. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ConnectWiseProperties properties;
    private final Clock clock;
    private final Pause pause;
    private final RequestBudgets budgets;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    @Autowired
    ConnectWiseRateGate(ConnectWiseProperties properties, Clock clock, RequestBudgets budgets) {
        this(properties, clock, duration -> Thread.sleep(duration.toMillis()), budgets);
    }

    ConnectWiseRateGate(ConnectWiseProperties properties, Clock clock, Pause pause, RequestBudgets budgets) {
        this.properties = properties;
        this.clock = clock;
        this.pause = pause;
        this.budgets = budgets;
    }

    /**
     * Sends one request through the tenant's gate.
     *
     * @throws HelpdeskException RATE_LIMITED (retriable) when no slot or allowance frees within the maximum wait, or
     *                           ConnectWise still answers 429 after the last retry; any other failure unchanged
     */
    <T> T send(HelpdeskCredentials credentials, Supplier<T> request) {
        Tenant tenant = tenant(credentials);
        ConnectWiseHttp.Throttled refusal = null;
        for (int attempt = 0; attempt <= properties.maxRetries(); attempt++) {
            if (refusal != null) {
                Duration wait = min(refusal.retryAfter().orElse(DEFAULT_RETRY_AFTER), properties.maxWait());
                log.info("connectwise gate={} answered 429; retry {} of {} in {} ms", tenant.label, attempt,
                        properties.maxRetries(), wait.toMillis());
                pauseFor(wait);
            }
            acquire(tenant);
            try {
                reserve(tenant);
                return request.get();
            } catch (ConnectWiseHttp.Throttled throttled) {
                refusal = throttled;
            } finally {
                tenant.slots.release();
            }
        }
        log.warn("connectwise gate={} still answered 429 after {} retries", tenant.label, properties.maxRetries());
        HelpdeskException last = refusal.refusal();
        String said = last.psaMessage().orElse(null);
        throw HelpdeskException.answered(Kind.RATE_LIMITED, "ConnectWise kept refusing requests as too many (HTTP "
                + "429) after " + properties.maxRetries() + " retries. Its limit is shared by every integration of "
                + "the site; Horizon will try again later." + (said == null ? "" : " ConnectWise said: \"" + said
                + "\""), last.httpStatus(), said);
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

    /** Requests running now for the tenant. */
    int inFlight(HelpdeskCredentials credentials) {
        return properties.requestsInFlight() - tenant(credentials).slots.availablePermits();
    }

    /** The gate's key for a tenant: a digest, so that no credential sits in the gate's map or its log lines. */
    static String tenantKey(HelpdeskCredentials credentials) {
        String identity = String.join("\n",
                credentials.value(ConnectWiseApi.SITE).toLowerCase(Locale.ROOT),
                credentials.value(ConnectWiseApi.HOST).toLowerCase(Locale.ROOT),
                credentials.value(ConnectWiseApi.COMPANY_ID).toLowerCase(Locale.ROOT),
                credentials.value(ConnectWiseApi.PUBLIC_KEY));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Tenant tenant(HelpdeskCredentials credentials) {
        return tenants.computeIfAbsent(tenantKey(credentials), key -> new Tenant(key, properties.requestsInFlight(),
                new RequestBudgets.Tenant(PSA, key, MINUTE, SLOT)));
    }

    /** Requests every node leased from the tenant's allowance in the last minute (a block being spent counts whole). */
    int countedInLastMinute(HelpdeskCredentials credentials) {
        return budgets.counted(tenant(credentials).budget, clock.instant());
    }

    private void acquire(Tenant tenant) {
        boolean acquired;
        try {
            acquired = tenant.slots.tryAcquire(properties.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw interruptedWhileWaiting();
        }
        if (!acquired) {
            throw HelpdeskException.transport(Kind.RATE_LIMITED, "All " + properties.requestsInFlight() + " request "
                    + "slots Horizon uses for this ConnectWise site stayed busy for " + properties.maxWait().toSeconds()
                    + " s. Horizon will try again later.", null);
        }
    }

    /**
     * Takes one request from the per-minute allowance of every node: from the block this node leased for the current
     * five seconds, else from a new lease (handing back what it did not send), waiting for the oldest requests to
     * leave the minute if needed.
     */
    private void reserve(Tenant tenant) {
        tenant.leaseLock.lock();
        try {
            reserveLeased(tenant);
        } finally {
            tenant.leaseLock.unlock();
        }
    }

    private void reserveLeased(Tenant tenant) {
        Instant deadline = clock.instant().plus(properties.maxWait());
        int allowance = properties.requestsPerMinute();
        while (true) {
            Instant now = clock.instant();
            if (tenant.leased > 0 && now.isBefore(tenant.leaseEnds)) {
                tenant.leased--;
                synchronized (tenant.window) {
                    prune(tenant.window, now);
                    tenant.window.addLast(now);
                }
                tenant.sent.incrementAndGet();
                return;
            }
            RequestBudgets.Lease lease = budgets.lease(tenant.budget, allowance, block(allowance), now,
                    tenant.leaseSlot, tenant.leased);
            tenant.leaseSlot = lease.slotStart();
            tenant.leaseEnds = lease.validUntil();
            tenant.leased = lease.granted();
            if (lease.granted() > 0) {
                continue;
            }
            Duration wait = Duration.between(now, lease.roomAt());
            if (now.plus(wait).isAfter(deadline)) {
                throw HelpdeskException.transport(Kind.RATE_LIMITED, "Horizon has sent this ConnectWise site the "
                        + properties.requestsPerMinute() + " requests per minute it allows itself. Horizon will try "
                        + "again shortly; raise horizon.connectwise.requests-per-minute to allow more.", null);
            }
            pauseFor(wait);
        }
    }

    /** Requests leased at once: a few per lease keeps the database out of most requests, and little unspent. */
    static int block(int allowance) {
        return Math.max(1, Math.min(20, allowance / 50));
    }

    private static void prune(ArrayDeque<Instant> window, Instant now) {
        Instant since = now.minus(HOUR);
        while (!window.isEmpty() && !window.peekFirst().isAfter(since)) {
            window.pollFirst();
        }
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static HelpdeskException interruptedWhileWaiting() {
        return HelpdeskException.transport(Kind.RATE_LIMITED,
                "Horizon stopped waiting for ConnectWise's rate limit because it is shutting down.", null);
    }

    /**
     * One tenant's slots, its requests of the last hour (oldest first), its running total and the block it leased (the
     * lease fields guarded by {@code leaseLock}).
     */
    private static final class Tenant {
        private final String label;
        private final Semaphore slots;
        private final RequestBudgets.Tenant budget;
        private final ArrayDeque<Instant> window = new ArrayDeque<>();
        private final AtomicLong sent = new AtomicLong();
        private final ReentrantLock leaseLock = new ReentrantLock(true);
        private Instant leaseSlot;
        private Instant leaseEnds;
        private int leased;

        private Tenant(String key, int inFlight, RequestBudgets.Tenant budget) {
            this.label = key.substring(0, 12);
            this.slots = new Semaphore(inFlight, true);
            this.budget = budget;
        }
    }
}
