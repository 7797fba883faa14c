package horizon.simulator.core.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Requests served, by endpoint and HTTP status, and how many were ever served at once. */
public final class RequestCounters {
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /** An API request arrived (control requests are not counted). */
    public void enter() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** An API request was answered, or ended without an answer. */
    public void leave() {
        inFlight.decrementAndGet();
    }

    /**
     * The most API requests that were ever in the simulator at once, over all callers and endpoints. A request counts
     * until its handler thread has finished writing the answer, so a client that sends its next request the moment it
     * has the last byte may be counted once more than it ever had in flight.
     */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    public void record(String endpoint, int status) {
        counts.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>()).computeIfAbsent(status, k -> new LongAdder())
                .increment();
    }

    /** endpoint → status → count, sorted for a stable dump. */
    public Map<String, Map<Integer, Long>> snapshot() {
        Map<String, Map<Integer, Long>> result = new TreeMap<>();
        counts.forEach((endpoint, byStatus) -> {
            Map<Integer, Long> m = new TreeMap<>();
            byStatus.forEach((status, n) -> m.put(status, n.sum()));
            result.put(endpoint, m);
        });
        return result;
    }

    public long total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
    }
}
