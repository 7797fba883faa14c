package horizon.widget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which PSA-member sign-ins this node confirmed with the PSA lately: a widget on the PSA's page whose refresh cookie
 * belongs to one of them, and whose hand-over names the same member, continues without asking the PSA again until
 * {@code reconfirmAfter} has passed. Only this node's memory: another node, or this one after a restart, asks the PSA
 * once more, which is always safe.
 */
final class ConfirmedMembers {

    /** More sign-ins than this are swept of the stale ones before the next is kept. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Key(long accountId, String family) {
    }

    private final Duration reconfirmAfter;
    private final Clock clock;
    private final Map<Key, Instant> confirmedAt = new ConcurrentHashMap<>();

    ConfirmedMembers(Duration reconfirmAfter, Clock clock) {
        this.reconfirmAfter = reconfirmAfter;
        this.clock = clock;
    }

    /** The PSA confirmed the member of this sign-in just now. */
    void confirmed(long accountId, String family) {
        Instant now = clock.instant();
        if (confirmedAt.size() >= SWEEP_ABOVE) {
            confirmedAt.values().removeIf(at -> !fresh(at, now));
        }
        confirmedAt.put(new Key(accountId, family), now);
    }

    /** Whether this node confirmed the sign-in's member with the PSA within {@code reconfirmAfter}. */
    boolean fresh(long accountId, String family) {
        Instant at = confirmedAt.get(new Key(accountId, family));
        return at != null && fresh(at, clock.instant());
    }

    private boolean fresh(Instant at, Instant now) {
        return now.isBefore(at.plus(reconfirmAfter));
    }
}
