package horizon.writeback;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works the outbox on this node: woken when an action is queued here, and looking every {@code idle} for actions
 * other nodes queued or whose pause is over. Each pass claims the oldest unfinished action of each ticket (so a
 * ticket's actions go out in order) and sends them side by side ({@code senders} at a time).
 */
@Component
class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Duration GAUGE_FRESHNESS = Duration.ofSeconds(1);

    private final OutboxRepository outbox;
    private final OutboxSignal signal;
    private final ActionSender sender;
    /** Sends a claimed batch's actions side by side; started and stopped with the worker. */
    private volatile ExecutorService senders = Executors.newSingleThreadExecutor();
    private final WritebackProperties properties;
    private final Clock clock;
    private final boolean enabled;
    /** This worker's name in claims: the JVM's, and a random part, so two workers can never share a claim. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + java.util.UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong passes = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile DepthRead depthRead;

    OutboxWorker(OutboxRepository outbox, OutboxSignal signal, ActionSender sender, WritebackProperties properties,
                 MeterRegistry meters, Clock clock, @Value("${horizon.writeback.sending:true}") boolean enabled) {
        this.outbox = outbox;
        this.signal = signal;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.enabled = enabled;
        Gauge.builder("horizon.writeback.outbox.depth", this, worker -> worker.depth().pending())
                .description("Agent actions waiting to be sent to the PSA, all accounts").register(meters);
        Gauge.builder("horizon.writeback.outbox.oldest.seconds", this, worker -> {
            Instant oldest = worker.depth().oldestPending();
            return oldest == null ? 0.0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
        }).description("Age of the oldest agent action waiting to be sent").register(meters);
        Gauge.builder("horizon.writeback.outbox.failed", this, worker -> worker.depth().failed())
                .description("Agent actions the PSA refused or that gave up, waiting for an admin").register(meters);
    }

    /** The outbox's depth for the gauges: one read serves all three for a second, however often they are scraped. */
    private OutboxRepository.Depth depth() {
        Instant now = clock.instant();
        DepthRead last = depthRead;
        if (last == null || !now.isBefore(last.readAt().plus(GAUGE_FRESHNESS))) {
            last = new DepthRead(outbox.depth(null), now);
            depthRead = last;
        }
        return last.depth();
    }

    private record DepthRead(OutboxRepository.Depth depth, Instant readAt) {
    }

    /** Claims and sends one batch; returns how many actions it took. */
    int workOnce() {
        Instant now = clock.instant();
        String claim = node + "#" + passes.incrementAndGet();
        List<OutboxAction> batch = outbox.claim(claim, now, now.plus(properties.claimLease()),
                properties.batchSize());
        // A batch holds at most one action per ticket, so sending its actions side by side keeps each ticket's order.
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (OutboxAction action : batch) {
            sends.add(CompletableFuture.runAsync(() -> {
                if (!running && thread != null) {
                    // Stopping: what was not sent goes back at once instead of waiting out the lease on another node.
                    outbox.release(action.id(), claim);
                } else {
                    sender.send(action, claim);
                }
            }, senders));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        return batch.size();
    }

    private void run() {
        while (running) {
            try {
                signal.await(properties.idle());
                while (running && workOnce() > 0) {
                    // Sent something: the next action of the same tickets may be due now.
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                log.warn("writeback pass failed: {}", failure.getMessage(), failure);
            }
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        senders.shutdown();
        AtomicInteger count = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.senders(), task -> {
            Thread sending = new Thread(task, "writeback-send-" + count.incrementAndGet());
            sending.setDaemon(true);
            return sending;
        });
        Thread worker = new Thread(this::run, "writeback-worker");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread worker = thread;
        if (worker != null) {
            // Never interrupted: an interrupt inside a JDBC call can close the embedded store's file. It ends its send.
            signal.queued();
            try {
                worker.join(30_000);
                senders.shutdown();
                senders.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
