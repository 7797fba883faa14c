package horizon.callback;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per account on this node: {@code perSecond} sustained, {@code burst} at once. */
final class AccountBuckets {

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        void refill(long now, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final double burst;

    AccountBuckets(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    /** Takes one token; empty when there was one, else how long until there is. */
    Optional<Duration> take(long accountId) {
        Bucket bucket = bucket(accountId);
        synchronized (bucket) {
            bucket.refill(System.nanoTime(), perSecond, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perSecond * 1000)));
        }
    }

    /** Whole tokens available now. */
    int available(long accountId) {
        Bucket bucket = bucket(accountId);
        synchronized (bucket) {
            bucket.refill(System.nanoTime(), perSecond, burst);
            return (int) Math.floor(bucket.tokens);
        }
    }

    /** Spends tokens taken without {@link #take}. */
    void spend(long accountId, int tokens) {
        Bucket bucket = bucket(accountId);
        synchronized (bucket) {
            bucket.tokens -= tokens;
        }
    }

    private Bucket bucket(long accountId) {
        return buckets.computeIfAbsent(accountId, id -> new Bucket(burst, System.nanoTime()));
    }
}
