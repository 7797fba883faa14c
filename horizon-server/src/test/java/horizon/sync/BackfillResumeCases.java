package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.function.Supplier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.HorizonApplication;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirrorQueries;
import horizon.testsupport.HorizonTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node stopped in the middle of a backfill (or of the backfill of a widened ingest window): a new node on the same
 * database resumes it from the checkpoints and completes it, and the simulator's request counters show that the pages
 * written before the stop were not read again.
 * Runs two Horizon contexts one after the other on one database; subclassed once per store.
 */
abstract class BackfillResumeCases {

    private SimulatedPsa psa;
    private ConfigurableApplicationContext running;

    /** The JDBC URL of a database both contexts use. */
    protected abstract String databaseUrl();

    protected abstract String databaseUser();

    /** Each PSA with an MSP big enough (and slow enough) that a backfill can be stopped in the middle. */
    static List<ResumablePsa> psas() {
        return List.of(new ResumablePsa("Autotask", () -> AutotaskPsa.withTickets(6000, Duration.ofMillis(250)), 500),
                new ResumablePsa("ConnectWise", () -> ConnectWisePsa.withTickets(900, Duration.ofMillis(60)), 1000));
    }

    /**
     * A PSA to start for one case.
     *
     * @param name     for the test's display name
     * @param start    starts its simulator
     * @param pageSize the adapter's page size: at most this many tickets per request in flight are read twice
     */
    record ResumablePsa(String name, Supplier<SimulatedPsa> start, int pageSize) {
        @Override
        public String toString() {
            return name;
        }
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        if (psa != null) {
            psa.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aBackfillStoppedHalfWayResumesOnTheNextNodeWithoutReadingFinishedPagesAgain(ResumablePsa resumable) {
        psa = resumable.start().get();
        int tickets = psa.expected(HelpdeskEntity.TICKETS, Instant.EPOCH).size();
        running = start();
        long accountId = BackfillAccounts.open(running, "Resumed");
        BackfillAccounts.connect(running, psa, accountId, 3650);
        JdbcClient jdbc = running.getBean(JdbcClient.class);
        // Stop once the tickets are well under way: some ticket pages and some notes are checkpointed.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                notesCheckpointed(jdbc, accountId, false) >= 2);
        running.close();
        running = null;
        long beforeStop = psa.pagedRequests();

        running = start();
        SyncRunRepository runs = running.getBean(SyncRunRepository.class);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(accountId).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        long stoppedAndResumed = psa.pagedRequests();
        int resumedPeak = psa.peakConcurrency();
        List<SyncRun> backfills = runs.page(accountId, SyncKind.BACKFILL, null, 0, 10);
        SyncRun resumed = backfills.get(0);
        SyncRun stopped = backfills.get(1);

        assertThat(stopped.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(stopped.error()).contains("shut down");
        assertThat(resumed.resumedFromRunId()).isEqualTo(stopped.id());
        assertThat(resumed.triggeredBy()).isEqualTo("resume");
        SimulatorMirror.assertMirrors(psa, running.getBean(MirrorQueries.class), accountId,
                resumed.windowStart());

        // The same backfill from scratch, for another account, is the baseline.
        long fresh = BackfillAccounts.open(running, "Fresh");
        long before = psa.pagedRequests();
        BackfillAccounts.connect(running, psa, fresh, 3650);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(fresh).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        long fromScratch = psa.pagedRequests() - before;
        LoggerFactory.getLogger(BackfillResumeCases.class).info(
                "paged requests: {} before the stop, {} stopped + resumed, {} from scratch; tickets fetched {} + {}",
                beforeStop, stoppedAndResumed, fromScratch, fetched(stopped, "tickets"),
                fetched(resumed, "tickets"));
        // A few requests per entity were in flight when the node stopped; nothing else is read twice.
        assertThat(stoppedAndResumed).as("requests: %d before the stop, %d in all; %d from scratch", beforeStop,
                stoppedAndResumed, fromScratch).isLessThanOrEqualTo(fromScratch + 4L * 3);
        assertThat(beforeStop).isGreaterThan(0).isLessThan(fromScratch);
        long ticketsFetched = fetched(stopped, "tickets") + fetched(resumed, "tickets");
        assertThat(ticketsFetched).isLessThanOrEqualTo(tickets + 4L * resumable.pageSize());
        // The gate's 4 in flight, plus the one the simulator may still count while it finishes an answer the client
        // already has (and has sent its next request).
        assertThat(resumedPeak).isLessThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aWideningOfTheIngestWindowStoppedHalfWayResumesOnTheNextNode(ResumablePsa resumable) {
        psa = resumable.start().get();
        running = start();
        long accountId = BackfillAccounts.open(running, "Widened");
        BackfillAccounts.connect(running, psa, accountId, 30);
        SyncRunRepository runs = running.getBean(SyncRunRepository.class);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(accountId).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        Instant covered = runs.latestBackfill(accountId).orElseThrow().windowStart();
        assertThat(running.getBean(HelpdeskConnections.class).saveSettings(accountId,
                new SyncSettings(true, true, true, true, true, true, 3650, 300))).isEmpty();
        JdbcClient jdbc = running.getBean(JdbcClient.class);
        // Stop once the widening has checkpointed some ticket pages and notes of its own.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                notesCheckpointed(jdbc, accountId, true) >= 2);
        running.close();
        running = null;

        running = start();
        SyncRunRepository resumedRuns = running.getBean(SyncRunRepository.class);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> resumedRuns
                .latestWidening(accountId).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        List<SyncRun> widenings = resumedRuns.page(accountId, SyncKind.BACKFILL, null, 0, 10).stream()
                .filter(SyncRun::widening).toList();
        SyncRun resumed = widenings.get(0);
        SyncRun stopped = widenings.get(1);

        assertThat(widenings).hasSize(2);
        assertThat(stopped.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(resumed.resumedFromRunId()).isEqualTo(stopped.id());
        assertThat(resumed.triggeredBy()).isEqualTo("resume");
        assertThat(resumed.windowStart()).isEqualTo(stopped.windowStart());
        assertThat(resumed.windowEnd()).isEqualTo(covered);
        assertThat(resumed.scope()).startsWith("ingest window widened from 30 to 3650 days");
        SimulatorMirror.assertMirrors(psa, running.getBean(MirrorQueries.class), accountId,
                resumed.windowStart());
        // Only the older tickets were read, and the pages finished before the stop were not read again.
        long older = psa.expected(HelpdeskEntity.TICKETS, resumed.windowStart()).size()
                - psa.expected(HelpdeskEntity.TICKETS, covered).size();
        long ticketsFetched = fetched(stopped, "tickets") + fetched(resumed, "tickets");
        assertThat(fetched(stopped, "tickets")).isPositive();
        assertThat(ticketsFetched).isBetween(older, older + 4L * resumable.pageSize());
    }

    /** Records of an entity a run fetched; none when the run read none (all its pages were done before). */
    private static long fetched(SyncRun run, String entity) {
        return run.counts().getOrDefault(entity, EntityCounts.NONE).fetched();
    }

    /**
     * Notes checkpointed so far: note batches finished, or (a PSA that lists notes one ticket at a time) batches under
     * way; of the widening only when {@code widening}.
     */
    private static long notesCheckpointed(JdbcClient jdbc, long accountId, boolean widening) {
        return jdbc.sql("""
                        select count(*) from sync_backfill_segments s join sync_runs r on r.id = s.run_id
                         where s.account_id = :a and s.entity = 'ticket_notes' and (s.done = true or s.cursor_id > 0)
                           and (r.window_end is not null) = :widening""")
                .param("a", accountId).param("widening", widening).query(Long.class).single();
    }

    /** A Horizon node; command-line arguments, as they win over application.properties (default properties do not). */
    private ConfigurableApplicationContext start() {
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl(),
                "--spring.datasource.username=" + databaseUser(),
                "--spring.datasource.password=",
                "--horizon.master-key=" + HorizonTest.MASTER_KEY,
                "--horizon.data-dir=target/test-data",
                "--horizon.demo.enabled=false",
                "--server.port=0",
                "--db-scheduler.polling-interval=1s",
                "--horizon.sync.dispatch-interval=1s"));
        arguments.addAll(BackfillAccounts.arguments(psa));
        return new SpringApplicationBuilder(HorizonApplication.class).run(arguments.toArray(String[]::new));
    }
}
