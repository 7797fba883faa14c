package horizon.simulator.core.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last requests a simulator served, each with its answer and whether a write was committed, so a test can tell
 * "the PSA kept the note but the client never heard" from "nothing happened".
 */
public final class RequestLog {
    /** How many entries are kept; older ones fall off. */
    public static final int CAPACITY = 10_000;

    /**
     * One served request.
     *
     * @param sequence  1, 2, ... in the order requests finished
     * @param at        when it finished, on the simulator's clock
     * @param method    HTTP method
     * @param path      path and query as sent
     * @param endpoint  the PSA's endpoint label
     * @param status    status sent, or 0 when no response was completed
     * @param outcome   {@code answered}, {@code stalled-mid-body}, {@code stalled} or {@code dropped}
     * @param committed whether the PSA kept a write
     * @param fault     the aimed fault applied (kind), or an empty string
     */
    public record Entry(long sequence, Instant at, String method, String path, String endpoint, int status,
                        String outcome, boolean committed, String fault) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    public void add(Instant at, String method, String path, String endpoint, int status, String outcome,
                    boolean committed, String fault) {
        synchronized (entries) {
            entries.addLast(new Entry(sequence.incrementAndGet(), at, method, path, endpoint, status, outcome,
                    committed, fault));
            if (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
    }

    /** Entries after {@code afterSequence}, oldest first. */
    public List<Entry> since(long afterSequence) {
        synchronized (entries) {
            return entries.stream().filter(e -> e.sequence() > afterSequence).toList();
        }
    }

    public long lastSequence() {
        return sequence.get();
    }
}
