package horizon.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One run as a row of the Sync Run logs page: the values already in words.
 *
 * @param run      the run
 * @param started  start time (UTC) or "queued"
 * @param duration how long it ran, e.g. "2 min 5 s"
 * @param progress "1,200 / 3,000 records (40%)" for a run that knows its total, else records read so far
 * @param eta      time left at the pace so far, for a running run that knows its total
 * @param counts   per entity, in the order the run met them
 */
public record SyncRunRow(SyncRun run, String started, String duration, String progress, String eta,
                  List<Map.Entry<String, EntityCounts>> counts) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static SyncRunRow of(SyncRun run, Instant now) {
        String started = run.startedAt() == null ? "queued " + TIME.format(run.queuedAt()) : TIME.format(run.startedAt());
        Duration duration = run.duration(now);
        String progress;
        if (run.progressTotal() != null && run.progressTotal() > 0) {
            progress = String.format("%,d / %,d records (%d%%)", run.progressDone(), run.progressTotal(),
                    run.percentDone());
        } else {
            progress = String.format("%,d %s", run.progressDone(), run.progressDone() == 1 ? "record" : "records");
        }
        Duration eta = run.eta(now);
        List<Map.Entry<String, EntityCounts>> counts = run.counts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        return new SyncRunRow(run, started, duration == null ? "" : words(duration), progress,
                eta == null ? null : words(eta), counts);
    }

    public boolean running() {
        return run.state() == SyncState.RUNNING || run.state() == SyncState.QUEUED;
    }

    /** The badge class of the state: only SUCCEEDED is green. */
    public String badge() {
        return switch (run.state()) {
            case SUCCEEDED -> "ok";
            case FAILED, INTERRUPTED -> "error";
            case RUNNING, QUEUED -> "off";
        };
    }

    /** An instant as the page shows it. */
    static String time(java.time.Instant instant) {
        return TIME.format(instant);
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + " ms";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
