package horizon.simulator.core.activity;

import horizon.simulator.core.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Technicians at work, for every simulator: runs a PSA's step (one technician action) at a chosen rate on one daemon
 * thread, counting the actions that went through and skipping the ones the PSA's rules refused.
 */
public final class ActivityLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ActivityLoop.class.getName());

    /** One technician action; throws when the PSA's rules refuse it. */
    @FunctionalInterface
    public interface Step {
        void run();
    }

    private final String threadName;
    private final Step step;
    private final Class<? extends RuntimeException> refusal;
    private final AtomicLong actions = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private double rate;

    /**
     * @param refusal the exception by which the PSA refuses an action (skipped quietly); others are logged
     */
    public ActivityLoop(String threadName, Step step, Class<? extends RuntimeException> refusal) {
        this.threadName = threadName;
        this.step = step;
        this.refusal = refusal;
    }

    public synchronized void start(double actionsPerMinute) {
        stop();
        if (actionsPerMinute <= 0) {
            return;
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(threadName));
        }
        long periodMicros = Math.max(1_000L, Math.round(60_000_000.0 / actionsPerMinute));
        rate = actionsPerMinute;
        task = scheduler.scheduleAtFixedRate(this::safeStep, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        rate = 0;
    }

    public synchronized double rate() {
        return rate;
    }

    public long actions() {
        return actions.get();
    }

    @Override
    public synchronized void close() {
        stop();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void safeStep() {
        try {
            step.run();
            actions.incrementAndGet();
        } catch (RuntimeException e) {
            if (refusal.isInstance(e)) {
                // a technician's attempt the rules refused (e.g. a reassignment nobody may take): skip it
                LOG.fine(() -> "activity step refused: " + e.getMessage());
            } else {
                LOG.log(Level.WARNING, "activity step failed", e);
            }
        }
    }
}
