package horizon.widget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-account limit on this node: at most {@code perMinute} admissions per account in each minute (a fixed window),
 * for requests any page may send with an account's public widget key.
 */
final class PerAccountRate {

    private record Window(Instant start, int used) {
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    PerAccountRate(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Admits one more for the account, or says no when its minute is used up. */
    boolean admit(long accountId) {
        Instant now = clock.instant();
        Window after = windows.compute(accountId, (id, window) -> {
            if (window == null || !now.isBefore(window.start().plus(Duration.ofMinutes(1)))) {
                return new Window(now, 1);
            }
            return new Window(window.start(), window.used() + 1);
        });
        return after.used() <= perMinute;
    }
}
