package horizon.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sync engine paces itself ({@code horizon.sync.*}).
 *
 * @param enabled              whether the dispatcher schedules syncs at all (off only for tools and some tests)
 * @param dispatchInterval     how often the dispatcher looks for accounts with due work: a due account waits for the
 *                             next look, so this bounds how late a sync starts; each look is one query however many
 *                             accounts there are
 * @param overlap              how far before the stored watermark a poll starts reading, so records written with a
 *                             slightly older timestamp (PSA write lag, equal timestamps) are not missed
 * @param reconcileInterval    how often helpdesk users and picklists are compared in full with the PSA
 * @param maxDeleteSharePercent the largest share of an entity's mirrored records one full comparison may delete;
 *                             above it nothing is deleted and the run records a warning
 * @param staleAfter           a RUNNING run whose heartbeat is older than this is marked INTERRUPTED
 * @param parallelism          requests in flight per endpoint during a backfill (the PSA allows 3)
 * @param quietRunRetention    polls and deletion-log reads that succeeded and changed nothing are removed once this old
 * @param runRetention         every other finished run is removed once this old (the latest of each kind stays)
 * @param retryPause           the pause after an account's sync failed in a way that may pass (the PSA down, busy, an
 *                             answer cut off); it doubles with each failure in a row
 * @param maxRetryPause        the longest such pause
 */
@ConfigurationProperties("horizon.sync")
public record SyncProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration dispatchInterval,
        @DefaultValue("2m") Duration overlap,
        @DefaultValue("1h") Duration reconcileInterval,
        @DefaultValue("25") int maxDeleteSharePercent,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("3") int parallelism,
        @DefaultValue("2d") Duration quietRunRetention,
        @DefaultValue("90d") Duration runRetention,
        @DefaultValue("30s") Duration retryPause,
        @DefaultValue("30m") Duration maxRetryPause) {

    public SyncProperties {
        if (maxDeleteSharePercent < 0 || maxDeleteSharePercent > 100) {
            throw new IllegalArgumentException(
                    "horizon.sync.max-delete-share-percent must be between 0 and 100, was " + maxDeleteSharePercent);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("horizon.sync.parallelism must be at least 1, was " + parallelism);
        }
        if (quietRunRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(
                    "horizon.sync.quiet-run-retention must be at least 1h, was " + quietRunRetention);
        }
        if (runRetention.compareTo(quietRunRetention) < 0) {
            throw new IllegalArgumentException("horizon.sync.run-retention (" + runRetention
                    + ") must be at least horizon.sync.quiet-run-retention (" + quietRunRetention + ")");
        }
        if (retryPause.isNegative() || retryPause.isZero() || maxRetryPause.compareTo(retryPause) < 0) {
            throw new IllegalArgumentException("horizon.sync.retry-pause (" + retryPause + ") must be positive and at "
                    + "most horizon.sync.max-retry-pause (" + maxRetryPause + ")");
        }
    }

    /** The pause before the next try after {@code failures} failed dispatches in a row: doubling, up to the longest. */
    Duration retryPauseAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration pause = retryPause.multipliedBy(1L << doublings);
        return pause.compareTo(maxRetryPause) > 0 ? maxRetryPause : pause;
    }

    /** The values used when nothing is configured. */
    public static SyncProperties defaults() {
        return new SyncProperties(true, Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofHours(1), 25,
                Duration.ofMinutes(2), 3, Duration.ofDays(2), Duration.ofDays(90), Duration.ofSeconds(30),
                Duration.ofMinutes(30));
    }
}
