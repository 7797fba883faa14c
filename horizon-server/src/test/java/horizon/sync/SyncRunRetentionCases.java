package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Sync run retention on one store, with a fixed clock: which runs go and which stay, and that a removed backfill's
 * checkpoints go with it; subclassed once per store.
 */
abstract class SyncRunRetentionCases extends HorizonTest {

    /**
     * The fixed "now" of the pruning under test, years ahead of the real clock: the application's own daily retention
     * task (real clock) then never counts these runs as old while the test builds them.
     */
    private static final Instant NOW = Instant.now().plus(Duration.ofDays(3000)).truncatedTo(ChronoUnit.SECONDS);
    private static final Map<String, EntityCounts> QUIET = Map.of("tickets", new EntityCounts(0, 0, 0, 0, 0),
            "ticket_notes", new EntityCounts(3, 0, 0, 3, 0));
    private static final Map<String, EntityCounts> CHANGED = Map.of("tickets", new EntityCounts(1, 0, 1, 0, 0));

    @Autowired
    SyncRunRepository runs;
    @Autowired
    BackfillCheckpointRepository checkpoints;
    @Autowired
    PlatformTransactionManager transactions;

    private PruningSyncRuns pruning() {
        return new PruningSyncRuns(runs, checkpoints, SyncProperties.defaults(), transactions,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void quietPollsGoAfterTwoDaysEverythingElseAfterNinetyAndTheLatestOfEachKindStays() {
        TestAccount account = fixtures().account("Retention");
        long a = account.id();
        // A backfill interrupted and resumed long ago: the resumed run is the latest backfill, its first run holds the
        // checkpoints.
        long origin = run(a, SyncKind.BACKFILL, SyncState.INTERRUPTED, days(200), CHANGED, null);
        checkpoint(a, origin, days(200));
        long resumed = runs.startBackfill(a, "resume", origin, days(230), null, null, "node", days(199));
        finish(a, resumed, SyncState.SUCCEEDED, days(199), CHANGED, null);
        // Two widenings of the ingest window, both old: the earlier goes with its checkpoints, the later stays.
        long firstWidening = runs.startBackfill(a, "settings", null, days(400), days(230), "widened", "node",
                days(120));
        checkpoint(a, firstWidening, days(120));
        finish(a, firstWidening, SyncState.SUCCEEDED, days(120), CHANGED, null);
        long lastWidening = runs.startBackfill(a, "settings", null, days(500), days(400), "widened", "node",
                days(100));
        finish(a, lastWidening, SyncState.SUCCEEDED, days(100), CHANGED, null);
        long oldManual = run(a, SyncKind.MANUAL, SyncState.SUCCEEDED, days(100), CHANGED, null);
        long lastManual = run(a, SyncKind.MANUAL, SyncState.FAILED, days(95), Map.of(), null);
        long onlyPicklists = run(a, SyncKind.PICKLISTS, SyncState.SUCCEEDED, days(91), CHANGED, null);
        long oldFailedPoll = run(a, SyncKind.POLL, SyncState.FAILED, days(91), Map.of(), null);
        long quietPoll = run(a, SyncKind.POLL, SyncState.SUCCEEDED, days(3), QUIET, null);
        long quietDeletes = run(a, SyncKind.DELETES, SyncState.SUCCEEDED, days(3), Map.of(), null);
        long changedPoll = run(a, SyncKind.POLL, SyncState.SUCCEEDED, days(3), CHANGED, null);
        long warnedPoll = run(a, SyncKind.POLL, SyncState.SUCCEEDED, days(3), QUIET, "Refused to delete 9 of 10");
        long failedPoll = run(a, SyncKind.POLL, SyncState.FAILED, days(3), Map.of(), null);
        long recentQuietPoll = run(a, SyncKind.POLL, SyncState.SUCCEEDED, NOW.minus(Duration.ofHours(47)), QUIET,
                null);
        long lastDeletes = run(a, SyncKind.DELETES, SyncState.SUCCEEDED, days(3), Map.of(), null);
        // Another account's quiet poll is not this account's to prune.
        TestAccount other = fixtures().account("Retention other");
        long otherQuiet = run(other.id(), SyncKind.POLL, SyncState.SUCCEEDED, days(3), QUIET, null);
        long otherLatest = run(other.id(), SyncKind.POLL, SyncState.SUCCEEDED, days(3), QUIET, null);

        int removed = pruning().prune(a);

        assertThat(remaining(a)).containsExactlyInAnyOrder(origin, resumed, lastWidening, lastManual, onlyPicklists,
                changedPoll, warnedPoll, failedPoll, recentQuietPoll, lastDeletes);
        assertThat(removed).isEqualTo(5); // firstWidening, oldManual, oldFailedPoll, quietPoll, quietDeletes
        assertThat(List.of(firstWidening, oldManual, oldFailedPoll, quietPoll, quietDeletes))
                .allSatisfy(id -> assertThat(runs.find(a, id)).isEmpty());
        assertThat(checkpoints.phase(a, firstWidening, "tickets")).isEmpty();
        assertThat(checkpoints.segments(a, firstWidening, "tickets")).isEmpty();
        assertThat(checkpoints.phase(a, origin, "tickets")).isPresent();
        assertThat(checkpoints.segments(a, origin, "tickets")).hasSize(1);
        assertThat(remaining(other.id())).containsExactly(otherQuiet, otherLatest);

        // The other account's turn: its older quiet poll goes, its latest stays. A second pass removes nothing more.
        assertThat(pruning().prune(other.id())).isEqualTo(1);
        assertThat(remaining(other.id())).containsExactly(otherLatest);
        assertThat(pruning().prune(a)).isZero();
    }

    @Test
    void theSyncRunLogsPageSaysHowLongRunsAreKept() {
        TestAccount account = fixtures().account("Retention page");
        WebSession admin = web();
        admin.login(account.admin().email(), account.admin().password());

        String text = admin.get("/admin/helpdesk/sync-runs").html().select("#retention").text();

        assertThat(text).isEqualTo("Runs are kept for 90 days; polls and deletion-log reads that changed nothing, "
                + "for 2 days. The latest run of each kind is always kept.");
        // The daily pruning is a db-scheduler recurring task, scheduled once for the whole cluster.
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = :task")
                .param("task", SyncScheduling.RETENTION_TASK).query(Long.class).single()).isEqualTo(1);
    }

    private long run(long accountId, SyncKind kind, SyncState state, Instant finishedAt,
                     Map<String, EntityCounts> counts, String warnings) {
        long id = runs.start(accountId, kind, "schedule", null, null, "node", finishedAt.minusSeconds(1));
        finish(accountId, id, state, finishedAt, counts, warnings);
        return id;
    }

    private void finish(long accountId, long id, SyncState state, Instant at, Map<String, EntityCounts> counts,
                        String warnings) {
        assertThat(runs.finish(accountId, id, state, counts, 1, 0, null,
                state == SyncState.SUCCEEDED ? null : "it stopped", warnings, at)).isTrue();
    }

    private void checkpoint(long accountId, long runId, Instant at) {
        checkpoints.savePhase(accountId, runId, "tickets", new BackfillCheckpointRepository.Phase(10L, 900L, 100L,
                false), at);
        checkpoints.saveSegment(accountId, runId, "tickets", new IdSegments.Segment(0, 0, null, 450, false), at);
    }

    private List<Long> remaining(long accountId) {
        return runs.page(accountId, null, null, 0, 100).stream().map(SyncRun::id).sorted().toList();
    }

    private static Instant days(int ago) {
        return NOW.minus(Duration.ofDays(ago));
    }
}
