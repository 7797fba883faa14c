package horizon.simulator.core.delivery;

import horizon.simulator.core.DaemonThreads;
import horizon.simulator.core.SimClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machinery every simulator's webhook or callback delivery runs on: one HTTP client that never follows
 * redirects, a single scheduler thread for attempts and retries, and the PSA's timeout passed through the time scale
 * (never below {@link #MIN_TIMEOUT}, so a loaded test machine does not turn slow answers into timeouts).
 */
public final class Dispatcher implements AutoCloseable {
    /** A loopback receiver on a loaded machine cannot promise sub-second answers, so scaling never goes below this. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private volatile boolean closed;

    /**
     * @param name       thread name prefix, e.g. {@code connectwise-callback}
     * @param psaTimeout the PSA's own delivery timeout (Autotask 10 s, ConnectWise 5 s), before scaling
     */
    public Dispatcher(String name, SimClock clock, Duration psaTimeout) {
        Duration scaled = clock.scaled(psaTimeout);
        this.timeout = scaled.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : scaled;
        this.httpExecutor = Executors.newCachedThreadPool(DaemonThreads.named(name + "-http"));
        this.http = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named(name + "-delivery"));
    }

    /** A signed JSON POST with the delivery timeout; throws IllegalArgumentException for an unusable URL. */
    public HttpRequest post(String url, String signatureHeader, String signature, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(signatureHeader, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Sends without reading the answer's body; the status is all a PSA looks at. */
    public CompletableFuture<HttpResponse<Void>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    /** Runs a task after a delay on the scheduler thread; nothing runs once closed. */
    public void schedule(Runnable task, Duration delay) {
        if (!closed) {
            try {
                scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException ignored) {
                // closing: nothing is delivered any more
            }
        }
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
