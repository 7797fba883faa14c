package horizon.sync;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells running syncs that this node is shutting down. The flag is raised on {@link ContextClosedEvent}, before the
 * scheduler waits for its running tasks, so a backfill stops after the pages in flight, records itself as INTERRUPTED
 * and leaves its checkpoints for the next start instead of holding the shutdown up.
 */
@Component
class SyncStopping {

    private static final Logger log = LoggerFactory.getLogger(SyncStopping.class);

    private final AtomicBoolean stopping = new AtomicBoolean();

    @EventListener(ContextClosedEvent.class)
    void onClose() {
        if (stopping.compareAndSet(false, true)) {
            log.info("sync stopping: running syncs finish their pages in flight and stop");
        }
    }

    boolean stopping() {
        return stopping.get();
    }

    /** Throws {@link RunStopped} when the node is shutting down. */
    void check() {
        if (stopping()) {
            throw new RunStopped();
        }
    }

    /** A run stopped because its node is shutting down; its checkpoints stay for the next start. */
    static final class RunStopped extends RuntimeException {
        RunStopped() {
            super("Horizon was shut down while the run was in progress; the next start resumes it from its checkpoints.");
        }
    }
}
