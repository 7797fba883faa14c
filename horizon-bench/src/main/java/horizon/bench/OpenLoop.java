package horizon.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: requests go out on a fixed schedule (request i at start + i ÷ rate), never waiting for answers,
 * through the JDK's asynchronous HTTP client (HTTP/1.1, one connection per request in flight, kept alive). A latency is
 * measured from the request's scheduled time, not from when it actually left, so a sender that fell behind is charged
 * to the server and not hidden (no coordinated omission). At most {@code maxInFlight} requests are in flight; beyond
 * that the sender waits, and its lag shows in the latencies and in {@link Outcome#maxSendLagMillis()}.
 */
final class OpenLoop {

    /**
     * What one step measured.
     *
     * @param target             what was called (Horizon's door or the no-op)
     * @param offeredPerSecond   the schedule's rate
     * @param seconds            the schedule's length
     * @param sent               requests sent
     * @param ok                 answered 2xx
     * @param statuses           answers by HTTP status (-1: no answer: timeout or connection failure)
     * @param acceptedPerSecond  2xx ÷ (schedule start → last answer)
     * @param p50Millis          median latency, scheduled time → answer, all answers
     * @param p99Millis          99th percentile
     * @param maxMillis          slowest
     * @param maxSendLagMillis   how far behind its schedule the sender fell at worst
     * @param peakInFlight       most requests in flight at once
     * @param lastAnswerSeconds  schedule start → last answer
     */
    record Outcome(String target, int offeredPerSecond, int seconds, int sent, long ok, Map<Integer, Long> statuses,
                   double acceptedPerSecond, double p50Millis, double p99Millis, double maxMillis,
                   double maxSendLagMillis, int peakInFlight, double lastAnswerSeconds) {

        long notOk() {
            return sent - ok;
        }
    }

    private OpenLoop() {
    }

    static Outcome run(HttpClient client, String target, int rate, int seconds, List<HttpRequest> pool,
                       int maxInFlight) throws InterruptedException {
        int n = rate * seconds;
        long[] latency = new long[n];
        int[] status = new int[n];
        Semaphore slots = new Semaphore(maxInFlight);
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long maxLag = 0;
        for (int i = 0; i < n; i++) {
            long intended = awaitTurn(start, i, rate);
            slots.acquire();
            maxLag = Math.max(maxLag, System.nanoTime() - intended);
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            int index = i;
            client.sendAsync(pool.get(i % pool.size()), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        long now = System.nanoTime();
                        latency[index] = now - intended;
                        status[index] = error == null ? response.statusCode() : -1;
                        lastAnswer.accumulateAndGet(now, Math::max);
                        inFlight.decrementAndGet();
                        slots.release();
                        done.countDown();
                    });
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(target + ": " + done.getCount() + " requests still unanswered after 120 s");
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        long ok = 0;
        for (int s : status) {
            statuses.merge(s, 1L, Long::sum);
            if (s >= 200 && s < 300) {
                ok++;
            }
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        double lastSeconds = (lastAnswer.get() - start) / 1e9;
        return new Outcome(target, rate, seconds, n, ok, statuses, ok / Math.max(seconds, lastSeconds),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[n - 1] / 1e6, maxLag / 1e6, peak.get(),
                lastSeconds);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /**
     * Open-loop pacing: waits until the {@code i}-th event of a stream started at {@code start} (nanoTime) at
     * {@code rate} a second is due, whatever earlier events are doing, and returns when it was due.
     */
    static long awaitTurn(long start, int i, double rate) {
        long intended = start + (long) (i * 1e9 / rate);
        long wait = intended - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return intended;
    }
}
