package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IdSegmentsTest {

    @Test
    void plansEvenSegmentsAfterTheFirstPageWithAnOpenEndedLastOne() {
        // First page: ids 1..500 (density 1), 2,000 records counted: 1,500 remain, ids expected up to 2,000.
        IdSegments plan = IdSegments.plan(1, 500, 500, 2000, 3);

        assertThat(plan.snapshot()).containsExactly(
                new IdSegments.Segment(0, 500, 1000L, 500, false),
                new IdSegments.Segment(1, 1000, 1500L, 1000, false),
                new IdSegments.Segment(2, 1500, null, 1500, false));
        assertThat(plan.estimatedMaxId()).isEqualTo(2000);
        assertThat(plan.pageSpan()).isEqualTo(500);
    }

    @Test
    void sparseIdsStretchTheEstimate() {
        // ids 10..10,009 on the first page (one record every 20 ids), 1,500 counted.
        IdSegments plan = IdSegments.plan(10, 10_009, 500, 1500, 3);

        assertThat(plan.estimatedMaxId()).isEqualTo(10_009 + 1000 * 20);
        assertThat(plan.snapshot()).hasSize(2); // only two pages remain
        assertThat(plan.snapshot().get(1).hi()).isNull();
    }

    @Test
    void fewRemainingRecordsMakeOneOpenSegment() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 600, 3);

        assertThat(plan.snapshot()).containsExactly(new IdSegments.Segment(0, 500, null, 500, false));
    }

    @Test
    void aFreeWorkerTakesUnclaimedSegmentsFirst() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 2000, 3);

        assertThat(plan.claim().orElseThrow().segment().number()).isEqualTo(0);
        assertThat(plan.claim().orElseThrow().segment().number()).isEqualTo(1);
        IdSegments.Claim third = plan.claim().orElseThrow();
        assertThat(third.segment().number()).isEqualTo(2);
        assertThat(third.shrunk()).isEmpty();
    }

    @Test
    void aWorkerThatFinishedEarlyStealsTheUpperHalfOfTheLargestSegment() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 10_500, 3); // ids expected up to 10,500
        plan.claim();
        plan.claim();
        plan.claim();
        // Segment 0 (500, 3833] finishes at once: its ids were sparse.
        assertThat(plan.advance(0, 3833, true).done()).isTrue();

        IdSegments.Claim stolen = plan.claim().orElseThrow();

        // Segment 1 (3833, 7166] has 3,333 ids left; the open segment 2 (7166, ~10,500] has 3,334: it is cut at
        // cursor + half, and the thief inherits its open end.
        assertThat(stolen.shrunk()).contains(new IdSegments.Segment(2, 7166, 7166L + 1667, 7166, false));
        assertThat(stolen.segment()).isEqualTo(new IdSegments.Segment(3, 7166 + 1667, null, 7166 + 1667, false));
        assertThat(plan.hi(2)).isEqualTo(7166L + 1667);

        plan.advance(1, 5000, false);
        IdSegments.Claim again = plan.claim().orElseThrow();
        // Segment 1 (5000, 7166] now has the most ids left (2,166, at least three pages): cut at 5000 + 1083.
        assertThat(again.shrunk()).contains(new IdSegments.Segment(1, 3833, 6083L, 5000, false));
        assertThat(again.segment()).isEqualTo(new IdSegments.Segment(4, 6083, 7166L, 6083, false));
    }

    @Test
    void theOpenEndedSegmentIsCutAgainstItsEstimatedEnd() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 10_500, 1); // one open segment (500, ~10,500]
        plan.claim();

        IdSegments.Claim stolen = plan.claim().orElseThrow();

        assertThat(stolen.shrunk().orElseThrow().hi()).isEqualTo(5500L);
        assertThat(stolen.segment().lo()).isEqualTo(5500);
        assertThat(stolen.segment().hi()).isNull();
    }

    @Test
    void segmentsTooSmallToCutAreNotStolen() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 1500, 1); // (500, ~1500]: two pages
        plan.claim();

        assertThat(plan.claim()).isEmpty();
    }

    @Test
    void aSegmentIsDoneWhenItsCursorReachesItsHi() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 2000, 3);
        plan.claim();

        assertThat(plan.advance(0, 999, false).done()).isFalse();
        assertThat(plan.advance(0, 1000, false).done()).isTrue();
    }

    @Test
    void theOpenSegmentGrowsItsEstimateWhenIdsRunPastIt() {
        IdSegments plan = IdSegments.plan(1, 500, 500, 600, 1);
        plan.claim();

        plan.advance(0, 900, false);

        assertThat(plan.estimatedMaxId()).isEqualTo(900 + 500);
    }

    @Test
    void resumesFromStoredSegmentsWithTheirCursors() {
        IdSegments plan = IdSegments.resume(List.of(
                new IdSegments.Segment(0, 500, 1000L, 1000, true),
                new IdSegments.Segment(1, 1000, 1500L, 1200, false),
                new IdSegments.Segment(2, 1500, null, 1500, false)), 500, 2000);

        IdSegments.Claim first = plan.claim().orElseThrow();

        assertThat(first.segment()).isEqualTo(new IdSegments.Segment(1, 1000, 1500L, 1200, false));
        assertThat(plan.allDone()).isFalse();
    }

    @Test
    void workersReadingAndStealingCoverEveryIdExactlyOnce() {
        // Ids 1..20,000 all exist; pages of 500; the first page was 1..500. Three workers in lockstep.
        long maxId = 20_000;
        IdSegments plan = IdSegments.plan(1, 500, 500, maxId, 3);
        List<Optional<IdSegments.Claim>> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(plan.claim());
        }
        TreeSet<Long> read = new TreeSet<>();
        List<Long> duplicates = new ArrayList<>();
        long[] cursors = new long[3];
        for (int i = 0; i < 3; i++) {
            cursors[i] = workers.get(i).orElseThrow().segment().cursor();
        }
        for (int round = 0; round < 1000 && !plan.allDone(); round++) {
            for (int w = 0; w < 3; w++) {
                if (workers.get(w).isEmpty()) {
                    continue;
                }
                int number = workers.get(w).get().segment().number();
                Long hi = plan.hi(number);
                long upTo = Math.min(maxId, Math.min(hi == null ? Long.MAX_VALUE : hi, cursors[w] + 500));
                for (long id = cursors[w] + 1; id <= upTo; id++) {
                    if (!read.add(id)) {
                        duplicates.add(id);
                    }
                }
                // The PSA says "complete" when no id above the page matches (up to hi): here, at the last id.
                IdSegments.Segment after = plan.advance(number, upTo, upTo >= maxId);
                cursors[w] = after.cursor();
                if (after.done()) {
                    Optional<IdSegments.Claim> next = plan.claim();
                    workers.set(w, next);
                    if (next.isPresent()) {
                        cursors[w] = next.get().segment().cursor();
                    }
                }
            }
        }

        assertThat(plan.allDone()).isTrue();
        assertThat(read.first()).isEqualTo(501);
        assertThat(read.last()).isEqualTo(maxId);
        assertThat(read).hasSize((int) (maxId - 500));
        assertThat(duplicates).isEmpty();
    }
}
