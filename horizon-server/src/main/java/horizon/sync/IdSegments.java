package horizon.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The id space of one entity's backfill cut into segments that several workers read at once, by id ({@code cursor < id
 * <= hi}, {@code hi == null} for the open-ended last segment), with work stealing: a worker whose segment is finished
 * takes an unclaimed segment, or else cuts the largest segment still being read in two and takes the upper half.
 *
 * <p>The plan starts from the first page and the PSA's count: the first page's ids give the density of ids, the count
 * how many records remain, hence where the ids are expected to end. Autotask has no "max id" query, so the last segment
 * stays open-ended and its end is only an estimate used to weigh it against the others.
 *
 * <p>All methods are synchronized; the workers call {@link #claim()} and {@link #advance} from their threads. The
 * returned {@link Segment} values are snapshots to persist as checkpoints.
 */
final class IdSegments {

    /**
     * A snapshot of one segment.
     *
     * @param number  stable number within the entity's backfill (the checkpoint key)
     * @param lo      where the segment started (exclusive)
     * @param hi      the last id it covers, or null when open-ended
     * @param cursor  the largest id read so far (exclusive lower bound of the next page)
     * @param done    whether every id up to {@code hi} was read
     */
    record Segment(int number, long lo, Long hi, long cursor, boolean done) {

        Segment withHi(Long newHi) {
            return new Segment(number, lo, newHi, cursor, done);
        }
    }

    /**
     * What a claim gave a worker.
     *
     * @param segment  the segment to read from its cursor
     * @param shrunk   when the segment was stolen from another: the victim with its new, lower {@code hi} (persist
     *                 both in one transaction before reading)
     */
    record Claim(Segment segment, Optional<Segment> shrunk) {
    }

    private final List<Mutable> segments = new ArrayList<>();
    private final long pageSpan;
    private long estimatedMaxId;

    private IdSegments(long pageSpan, long estimatedMaxId) {
        this.pageSpan = Math.max(1, pageSpan);
        this.estimatedMaxId = estimatedMaxId;
    }

    /**
     * Plans the segments after the first page.
     *
     * @param firstId    the smallest id on the first page
     * @param lastId     the largest id on the first page (where the segments start)
     * @param pageSize   records on the first page
     * @param count      how many records the PSA counted for the whole query
     * @param parts      how many segments to start with (the requests allowed in flight)
     */
    static IdSegments plan(long firstId, long lastId, int pageSize, long count, int parts) {
        long span = Math.max(1, lastId - firstId + 1);
        double idsPerRecord = pageSize <= 0 ? 1.0 : Math.max(1.0, (double) span / pageSize);
        long pageSpan = Math.max(1, Math.round(idsPerRecord * Math.max(1, pageSize)));
        long remaining = Math.max(0, count - pageSize);
        long estimatedMax = lastId + Math.max(1, Math.round(remaining * idsPerRecord));
        IdSegments plan = new IdSegments(pageSpan, estimatedMax);
        // Fewer segments than parts when there is not a page's worth of ids for each.
        long pagesLeft = Math.max(1, (long) Math.ceil((double) remaining / Math.max(1, pageSize)));
        int n = (int) Math.max(1, Math.min(parts, pagesLeft));
        long width = Math.max(1, (estimatedMax - lastId) / n);
        long lo = lastId;
        for (int i = 0; i < n; i++) {
            Long hi = i == n - 1 ? null : lo + width;
            plan.segments.add(new Mutable(i, lo, hi, lo, false));
            lo = lo + width;
        }
        return plan;
    }

    /** Segments read back from checkpoints, to go on where a stopped backfill left off. */
    static IdSegments resume(List<Segment> stored, long pageSpan, long estimatedMaxId) {
        IdSegments plan = new IdSegments(pageSpan, estimatedMaxId);
        for (Segment s : stored) {
            plan.segments.add(new Mutable(s.number(), s.lo(), s.hi(), s.cursor(), s.done()));
        }
        return plan;
    }

    long pageSpan() {
        return pageSpan;
    }

    synchronized long estimatedMaxId() {
        return estimatedMaxId;
    }

    /**
     * A segment for a free worker: an unfinished one nobody reads, else the upper half of the largest one being read
     * when it is worth cutting (at least two pages of ids left beyond the page in flight); empty when the worker can
     * stop.
     */
    synchronized Optional<Claim> claim() {
        for (Mutable s : segments) {
            if (!s.done && !s.claimed) {
                s.claimed = true;
                return Optional.of(new Claim(s.snapshot(), Optional.empty()));
            }
        }
        Optional<Mutable> largest = segments.stream()
                .filter(s -> !s.done && s.claimed)
                .max(Comparator.comparingLong(this::remainingSpan));
        if (largest.isEmpty()) {
            return Optional.empty();
        }
        Mutable victim = largest.get();
        long remaining = remainingSpan(victim);
        if (remaining < 3 * pageSpan) {
            return Optional.empty();
        }
        // Cut beyond the page the victim is reading now, so the two rarely read the same ids.
        long mid = victim.cursor + Math.max(pageSpan, remaining / 2);
        Mutable thief = new Mutable(nextNumber(), mid, victim.hi, mid, false);
        thief.claimed = true;
        victim.hi = mid;
        segments.add(thief);
        return Optional.of(new Claim(thief.snapshot(), Optional.of(victim.snapshot())));
    }

    /**
     * Records a page read in a segment and says whether it is finished.
     *
     * @param lastId   the largest id on the page (or the cursor asked with, when empty)
     * @param complete whether the PSA said no record with a larger id (up to the hi asked with) matches
     */
    synchronized Segment advance(int number, long lastId, boolean complete) {
        Mutable s = find(number);
        s.cursor = Math.max(s.cursor, lastId);
        if (complete || (s.hi != null && s.cursor >= s.hi)) {
            s.done = true;
            s.claimed = false;
        }
        if (s.hi == null && s.cursor >= estimatedMaxId) {
            // More ids than the count suggested: expect about a page more, so the segment stays small in claim().
            estimatedMaxId = s.cursor + pageSpan;
        }
        return s.snapshot();
    }

    /** Gives a claimed segment back unfinished (its worker stopped), so another worker may take it. */
    synchronized void release(int number) {
        find(number).claimed = false;
    }

    /** The current hi of a segment: a steal may have lowered it while a page was in flight. */
    synchronized Long hi(int number) {
        return find(number).hi;
    }

    synchronized boolean allDone() {
        return segments.stream().allMatch(s -> s.done);
    }

    synchronized List<Segment> snapshot() {
        return segments.stream().map(Mutable::snapshot).toList();
    }

    private long remainingSpan(Mutable s) {
        long end = s.hi != null ? s.hi : Math.max(estimatedMaxId, s.cursor);
        return Math.max(0, end - s.cursor);
    }

    private int nextNumber() {
        return segments.stream().mapToInt(s -> s.number).max().orElse(-1) + 1;
    }

    private Mutable find(int number) {
        return segments.stream().filter(s -> s.number == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no segment " + number));
    }

    private static final class Mutable {
        final int number;
        final long lo;
        Long hi;
        long cursor;
        boolean done;
        boolean claimed;

        Mutable(int number, long lo, Long hi, long cursor, boolean done) {
            this.number = number;
            this.lo = lo;
            this.hi = hi;
            this.cursor = cursor;
            this.done = done;
        }

        Segment snapshot() {
            return new Segment(number, lo, hi, cursor, done);
        }
    }
}
