package horizon.callback;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes this node's processor when the door has queued rows, so a callback is processed without waiting for a poll. */
@Component
class InboxSignal {

    private final Semaphore pending = new Semaphore(0);

    void queued() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits for new rows at most {@code timeout}; true when woken by them. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.drainPermits();
        return woken;
    }
}
