package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.UnreadableRecord;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirroredEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The record of one running sync run: counts per entity, progress, PSA requests and warnings, written to its row as the
 * run goes (at most twice a second, and always when it ends) so the page shows it live and the heartbeat proves it is
 * alive. Thread-safe: the backfill's workers report pages from several threads.
 */
final class RunLog implements WriteTally {

    private static final Duration FLUSH_EVERY = Duration.ofMillis(500);

    private final long accountId;
    private final long runId;
    private final SyncRunRepository runs;
    private final Clock clock;
    private final LongSupplier requestCounter;
    private final long requestsAtStart;
    private final Map<String, EntityCounts> counts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Quarantined records this run met; the first {@value #MAX_QUARANTINE_WARNINGS} are named in its warnings. */
    private int quarantined;
    private static final int MAX_QUARANTINE_WARNINGS = 20;
    private long progressDone;
    private Long progressTotal;
    private Instant windowStart;
    private Instant lastFlush = Instant.EPOCH;
    /** Anything the run did: a page written, records counted. With the request counter, what the heartbeat watches. */
    private long activity;
    private long activityAtBeat = -1;
    private long requestsAtBeat = -1;

    RunLog(long accountId, long runId, SyncRunRepository runs, Clock clock, LongSupplier requestCounter) {
        this.accountId = accountId;
        this.runId = runId;
        this.runs = runs;
        this.clock = clock;
        this.requestCounter = requestCounter;
        this.requestsAtStart = requestCounter.getAsLong();
    }

    long runId() {
        return runId;
    }

    long accountId() {
        return accountId;
    }

    /** Records a mirror write of {@code fetched} records of an entity; {@code progress} says whether it counts toward the total. */
    @Override
    public synchronized void wrote(String entity, int fetched, MirrorWriteResult result, boolean progress) {
        counts.merge(entity, EntityCounts.of(fetched, result), EntityCounts::plus);
        activity++;
        if (result.childrenDeleted() > 0) {
            counts.merge("ticket_activity", new EntityCounts(0, 0, 0, 0, result.childrenDeleted()), EntityCounts::plus);
        }
        if (progress) {
            progressDone += fetched;
        }
        flushIfDue();
    }

    /** Records records that were read but not written (e.g. notes of tickets outside the mirror). */
    synchronized void fetchedOnly(String entity, int fetched) {
        counts.merge(entity, new EntityCounts(fetched, 0, 0, fetched, 0), EntityCounts::plus);
        activity++;
    }

    synchronized void addToTotal(long records) {
        progressTotal = (progressTotal == null ? 0 : progressTotal) + records;
        flushIfDue();
    }

    synchronized void progressDone(long done) {
        progressDone = done;
        flushIfDue();
    }

    /**
     * Everything counted has been read: a resumed backfill does not know how much its predecessor read of the phase it
     * resumed, so it closes its progress at the total.
     */
    synchronized void allRead() {
        if (progressTotal != null) {
            progressDone = Math.max(progressDone, progressTotal);
        }
    }

    synchronized void windowStart(Instant start) {
        windowStart = start;
    }

    /**
     * Quarantines what of the page could not be taken in full: records the adapter could not read (left out) and
     * records with a value longer than its column (stored with what fits); each becomes a warning of the run.
     */
    @Override
    public void checked(HelpdeskEntity entity, RecordPage<? extends HelpdeskRecord> page) {
        Instant now = clock.instant();
        for (UnreadableRecord unreadable : page.unreadable()) {
            quarantine(new SyncRunRepository.Quarantined(Streams.mirrored(entity).name(), unreadable.externalId(),
                    unreadable.reason(), unreadable.excerpt(), false, runId, now));
        }
        checkFit(entity, page.records(), now);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void checkFit(HelpdeskEntity entity, List<? extends HelpdeskRecord> records, Instant now) {
        MirroredEntity mirrored = Streams.mirrored(entity);
        for (HelpdeskRecord record : records) {
            List<String> misfits = mirrored.misfits(record);
            if (!misfits.isEmpty()) {
                quarantine(new SyncRunRepository.Quarantined(mirrored.name(), record.externalId(),
                        "Stored with what fits: " + String.join("; ", misfits) + ".", "", true, runId, now));
            }
        }
    }

    private void quarantine(SyncRunRepository.Quarantined record) {
        runs.quarantine(accountId, record);
        synchronized (this) {
            quarantined++;
            if (quarantined <= MAX_QUARANTINE_WARNINGS) {
                warn("Quarantined " + record.entity() + " " + record.externalId() + ": " + record.reason());
            } else if (quarantined == MAX_QUARANTINE_WARNINGS + 1) {
                warn("More records were quarantined; the Sync Run logs list them all.");
            }
        }
    }

    synchronized void warn(String warning) {
        warnings.add(warning);
        flush();
    }

    synchronized boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    synchronized Map<String, EntityCounts> counts() {
        return Map.copyOf(counts);
    }

    /**
     * The heartbeat: writes the counts and proves the run alive, but only when it made progress since the last beat (a
     * request sent to the PSA, a page written). A run stuck anywhere stops beating and the stale sweep marks it
     * INTERRUPTED, however healthy its node; its thread is not stuck for long, as every PSA call has a deadline.
     *
     * @return whether it beat
     */
    synchronized boolean beat() {
        long requests = requests();
        boolean progressed = requests != requestsAtBeat || activity != activityAtBeat;
        requestsAtBeat = requests;
        activityAtBeat = activity;
        if (progressed) {
            flush();
        }
        return progressed;
    }

    /** Writes the counts and the heartbeat now. */
    synchronized void flush() {
        lastFlush = clock.instant();
        runs.progress(accountId, runId, Map.copyOf(counts), requests(), progressDone, progressTotal, windowStart,
                warningText(), lastFlush);
    }

    /** Ends the run; false when it was no longer RUNNING (the stale sweep marked it meanwhile). */
    synchronized boolean finish(SyncState state, String error) {
        return runs.finish(accountId, runId, state, Map.copyOf(counts), requests(), progressDone, progressTotal, error,
                warningText(), clock.instant());
    }

    private void flushIfDue() {
        if (Duration.between(lastFlush, clock.instant()).compareTo(FLUSH_EVERY) >= 0) {
            flush();
        }
    }

    private long requests() {
        return Math.max(0, requestCounter.getAsLong() - requestsAtStart);
    }

    private String warningText() {
        return warnings.isEmpty() ? null : String.join("\n", warnings);
    }
}
