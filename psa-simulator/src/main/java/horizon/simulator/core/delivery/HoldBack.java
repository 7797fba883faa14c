package horizon.simulator.core.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reordering without a backlog: an event drawn for reordering waits here until the next event for the same target
 * passes, and goes right behind it; if none comes within {@link DeliveryFaults#HOLD_AT_MOST} it goes alone.
 *
 * @param <T> the event
 */
public final class HoldBack<T> {
    private final Map<String, T> held = new HashMap<>();
    private final BiConsumer<Runnable, Duration> scheduler;
    private final Object lock;

    /**
     * @param scheduler runs a task after a delay (the delivery's own scheduler)
     * @param lock      the delivery's lock: callers hold it around {@link #offer}, and a late release takes it, so
     *                  sending always happens under the one lock
     */
    public HoldBack(BiConsumer<Runnable, Duration> scheduler, Object lock) {
        this.scheduler = scheduler;
        this.lock = lock;
    }

    /**
     * Passes an event on to {@code send}, or holds it back when {@code hold} and nothing is held for the target yet.
     * A held event of the target goes right after this one, through {@code sendBehind(held, successor)}, which must
     * make it arrive after the successor (a FIFO queue appends it; parallel senders wait for the successor's attempt). Returns whether the event was held. Caller holds the lock.
     */
    public boolean offer(String target, T event, boolean hold, Consumer<T> send, BiConsumer<T, T> sendBehind) {
        if (hold && !held.containsKey(target)) {
            held.put(target, event);
            scheduler.accept(() -> release(target, event, send), DeliveryFaults.HOLD_AT_MOST);
            return true;
        }
        send.accept(event);
        T waiting = held.remove(target);
        if (waiting != null) {
            sendBehind.accept(waiting, event);
        }
        return false;
    }

    private void release(String target, T event, Consumer<T> send) {
        synchronized (lock) {
            if (held.get(target) == event) {
                held.remove(target);
                send.accept(event);
            }
        }
    }
}
