package horizon.callback;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Per-account limit on calls at the door, on this node: {@code ingressPerSecond} sustained with {@code ingressBurst}
 * at once. A flood at one account's URL is answered 429 with Retry-After and cannot starve the others; the PSAs
 * deliver a refused call again.
 */
@Component
class IngressLimiter {

    private final AccountBuckets buckets;

    IngressLimiter(CallbackProperties properties) {
        this.buckets = new AccountBuckets(properties.ingressPerSecond(), properties.ingressBurst());
    }

    /** Takes one call's token; empty when it may pass, else how long until one is free. */
    Optional<Duration> take(long accountId) {
        return buckets.take(accountId);
    }
}
