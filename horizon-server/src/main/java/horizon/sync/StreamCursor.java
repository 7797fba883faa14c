package horizon.sync;

import horizon.helpdesk.HelpdeskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Where one stream of PSA changes (an entity's records, a deletion log) was read up to.
 *
 * @param stream    the stream's name, e.g. {@code tickets} or {@code deleted_tickets}
 * @param watermark the largest PSA timestamp seen (the PSA's clock, taken from records, never from Horizon's clock);
 *                  null before anything was seen
 * @param lastId    for deletion logs the last log id read; 0 otherwise
 */
record StreamCursor(String stream, Instant watermark, long lastId) {

    /** Where the next read starts: the watermark less the overlap, so late-stamped writes are read again, not lost. */
    Instant readFrom(Duration overlap) {
        return watermark == null ? null : watermark.minus(overlap);
    }

    /**
     * This cursor moved to the largest remote timestamp of the records, never backwards. Timestamps after
     * {@code latestPlausible} are not taken: one record dated in the future (bad data, a far-off PSA clock) would
     * otherwise push the watermark past every real change to come, and the stream would stop seeing them. Such a
     * record is simply read again by the next poll.
     */
    StreamCursor advancedBy(Collection<? extends HelpdeskRecord> records, Instant latestPlausible) {
        Instant max = watermark;
        for (HelpdeskRecord record : records) {
            Instant seen = record.remoteUpdatedAt();
            if (seen != null && !seen.isAfter(latestPlausible)) {
                max = later(max, seen);
            }
        }
        return new StreamCursor(stream, max, lastId);
    }

    /** This cursor moved to a PSA timestamp and log id, never backwards. */
    StreamCursor advancedTo(Instant seen, long logId) {
        return new StreamCursor(stream, later(watermark, seen), Math.max(lastId, logId));
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
