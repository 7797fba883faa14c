package horizon.writeback;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes this node's worker when an action was queued, so it is sent without waiting for the next look. */
@Component
class OutboxSignal {

    private final Semaphore queued = new Semaphore(0);

    void queued() {
        if (queued.availablePermits() == 0) {
            queued.release();
        }
    }

    /** Waits for a queued action at most {@code timeout}; true when woken by one. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = queued.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        queued.drainPermits();
        return woken;
    }
}
