package horizon.callback;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-account limit on calls at the door, a token bucket on this node: {@code ingressPerSecond} sustained with
 * {@code ingressBurst} at once. A flood at one account's URL is answered 429 with Retry-After and cannot starve the
 * others; the PSAs deliver a refused call again.
 */
@Component
class IngressLimiter {

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final double burst;

    IngressLimiter(CallbackProperties properties) {
        this.perSecond = properties.ingressPerSecond();
        this.burst = Math.max(1, properties.ingressBurst());
    }

    /** Takes one call's token; empty when it may pass, else how long until one is free. */
    Optional<Duration> take(long accountId) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(accountId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            double waitSeconds = (1 - bucket.tokens) / perSecond;
            return Optional.of(Duration.ofMillis((long) Math.ceil(waitSeconds * 1000)));
        }
    }
}
