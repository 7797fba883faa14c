package horizon.simulator.autotask.limit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Autotask's thread limit: concurrent requests per (integration code, endpoint), with the peak seen per endpoint. */
public final class ThreadLimiter {
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> peaks = new ConcurrentHashMap<>();
    private volatile int limit;

    public ThreadLimiter(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    public void setLimit(int newLimit) {
        this.limit = newLimit;
    }

    /** Takes a slot, or returns false when the integration already runs {@code limit} requests on the endpoint. */
    public boolean tryAcquire(String integrationCode, String endpoint) {
        AtomicInteger counter = inFlight.computeIfAbsent(integrationCode + '\n' + endpoint, k -> new AtomicInteger());
        while (true) {
            int current = counter.get();
            if (current >= limit) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                peaks.computeIfAbsent(endpoint, k -> new AtomicInteger()).accumulateAndGet(current + 1, Math::max);
                return true;
            }
        }
    }

    public void release(String integrationCode, String endpoint) {
        inFlight.get(integrationCode + '\n' + endpoint).decrementAndGet();
    }

    /** The highest number of concurrent requests one integration had on each endpoint. */
    public Map<String, Integer> peaks() {
        Map<String, Integer> result = new TreeMap<>();
        peaks.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }
}
