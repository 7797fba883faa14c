package horizon.callback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the door's rows durable with group commit: request threads hand their rows over and wait; one writer thread
 * inserts whatever has gathered in one transaction and then releases every waiting request. At thousands of calls a
 * second this is one commit per batch instead of one per call, and a request is still answered only after its row is
 * in the database.
 */
@Component
class InboxWriter implements SmartLifecycle {

    /** Rows one commit takes at most. */
    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

    private record Pending(List<InboxRow> rows, CompletableFuture<Void> done) {
    }

    private final InboxRepository repository;
    private final TransactionTemplate transactions;
    private final InboxSignal signal;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(50_000);
    private volatile Thread thread;
    private volatile boolean running;

    InboxWriter(InboxRepository repository, PlatformTransactionManager transactionManager, InboxSignal signal) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.signal = signal;
    }

    /**
     * Writes the rows and returns once they are committed.
     *
     * @throws IllegalStateException when they could not be written within {@code deadline} (the caller answers 503,
     *                               and the PSA delivers again)
     */
    void write(List<InboxRow> rows, Duration deadline) {
        Pending pending = new Pending(rows, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(pending, deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The callback inbox is not taking calls right now.");
            }
            pending.done().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to the callback inbox.", interrupted);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            throw new IllegalStateException("The callback inbox could not be written: " + failed.getMessage(), failed);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int rows = first.rows().size();
                while (rows < BATCH) {
                    Pending next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    rows += next.rows().size();
                }
                commit(batch);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<InboxRow> rows = new ArrayList<>();
        batch.forEach(p -> rows.addAll(p.rows()));
        try {
            transactions.executeWithoutResult(status -> repository.insert(rows));
            batch.forEach(p -> p.done().complete(null));
            signal.queued();
        } catch (RuntimeException failed) {
            log.warn("callback inbox write failed rows={}: {}", rows.size(), failed.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(failed));
        }
    }

    @Override
    public void start() {
        running = true;
        Thread writer = new Thread(this::run, "callback-inbox-writer");
        writer.setDaemon(true);
        thread = writer;
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread writer = thread;
        if (writer != null) {
            try {
                writer.join(5_000);
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
