package horizon.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One sync run as the Sync Run logs page and the API show it.
 *
 * @param id               the run's id
 * @param accountId        the account
 * @param kind             what the run did
 * @param triggeredBy      "schedule", "connect", "resume" or the person who asked
 * @param state            where it stands
 * @param target           SINGLE_TICKET: the ticket number or id asked for
 * @param resumedFromRunId a backfill that continues an interrupted one: that run's id
 * @param windowStart      BACKFILL: tickets changed since this instant were read
 * @param windowEnd        BACKFILL widening the ingest window: tickets changed before this instant (where the covered
 *                         stretch began); null for the first backfill
 * @param scope            what the run covers, in words (a backfill's window), or null
 * @param queuedAt         when it was asked for
 * @param startedAt        when it started, null while queued
 * @param finishedAt       when it finished, null while running
 * @param heartbeatAt      the last sign of life while running
 * @param node             the Horizon node that ran it
 * @param counts           per entity: fetched, inserted, updated, unchanged, deleted
 * @param apiRequests      PSA requests the run used
 * @param progressDone     records read so far
 * @param progressTotal    records the PSA counted (backfill), null when unknown
 * @param error            why it failed or was interrupted
 * @param warnings         what it refused to do (a mass delete) or skipped
 */
public record SyncRun(long id, long accountId, SyncKind kind, String triggeredBy, SyncState state, String target,
                      Long resumedFromRunId, Instant windowStart, Instant windowEnd, String scope, Instant queuedAt,
                      Instant startedAt, Instant finishedAt, Instant heartbeatAt, String node,
                      Map<String, EntityCounts> counts, long apiRequests, long progressDone, Long progressTotal, String error, String warnings) {

    public SyncRun {
        counts = Map.copyOf(counts);
    }

    /** Whether this is a backfill of the stretch a widened ingest window added, not the first backfill. */
    public boolean widening() {
        return kind == SyncKind.BACKFILL && windowEnd != null;
    }

    /** How long it ran (so far, when still running); null while queued. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        return Duration.between(startedAt, end).isNegative() ? Duration.ZERO : Duration.between(startedAt, end);
    }

    /** The time a running run still needs at its pace so far, when it knows its total; else null. */
    public Duration eta(Instant now) {
        if (state != SyncState.RUNNING || progressTotal == null || progressTotal <= 0 || progressDone <= 0
                || startedAt == null) {
            return null;
        }
        long left = Math.max(0, progressTotal - progressDone);
        if (left == 0) {
            return null;
        }
        long elapsedMillis = Math.max(1, Duration.between(startedAt, now).toMillis());
        return Duration.ofMillis(Math.round((double) elapsedMillis * left / progressDone));
    }

    /** Progress in percent (0–100), null when the total is unknown. */
    public Integer percentDone() {
        if (progressTotal == null || progressTotal <= 0) {
            return null;
        }
        return (int) Math.min(100, progressDone * 100 / progressTotal);
    }

    /** The sum of every entity's counts. */
    public EntityCounts totals() {
        return counts.values().stream().reduce(EntityCounts.NONE, EntityCounts::plus);
    }
}
