package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.HorizonApplication;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirrorQueries;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorCounters;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.autotask.store.Timestamps;
import horizon.testsupport.HorizonTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    /** Endpoints whose pages the backfill checkpoints. */
    private static final int TICKETS = 6000;

    private AutotaskSimulator simulator;
    private ConfigurableApplicationContext running;

    /** The JDBC URL of a database both contexts use. */
    protected abstract String databaseUrl();

    protected abstract String databaseUser();

    @BeforeEach
    void startSimulator() {
        simulator = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(40, 400, 12, TICKETS, 18))
                .withLatency(Duration.ofMillis(250)));
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        simulator.close();
    }

    @Test
    void aBackfillStoppedHalfWayResumesOnTheNextNodeWithoutReadingFinishedPagesAgain() {
        running = start();
        long accountId = BackfillAccounts.open(running, "Resumed");
        BackfillAccounts.connect(running, simulator, accountId, 3650);
        JdbcClient jdbc = running.getBean(JdbcClient.class);
        // Stop once the tickets are well under way: some ticket pages and some note batches are checkpointed.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                jdbc.sql("select count(*) from sync_backfill_segments where account_id = :a and entity = 'ticket_notes'"
                        + " and done = true").param("a", accountId).query(Long.class).single() >= 2);
        running.close();
        running = null;
        SimulatorCounters atStop = simulator.control().counters();

        running = start();
        SyncRunRepository runs = running.getBean(SyncRunRepository.class);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(accountId).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        SimulatorCounters resumedCounters = simulator.control().counters();
        List<SyncRun> backfills = runs.page(accountId, SyncKind.BACKFILL, null, 0, 10);
        SyncRun resumed = backfills.get(0);
        SyncRun stopped = backfills.get(1);

        assertThat(stopped.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(stopped.error()).contains("shut down");
        assertThat(resumed.resumedFromRunId()).isEqualTo(stopped.id());
        assertThat(resumed.triggeredBy()).isEqualTo("resume");
        SimulatorMirror.assertMirrors(simulator, running.getBean(MirrorQueries.class), accountId,
                resumed.windowStart());

        // The same backfill from scratch, for another account, is the baseline.
        long fresh = BackfillAccounts.open(running, "Fresh");
        SimulatorCounters before = simulator.control().counters();
        BackfillAccounts.connect(running, simulator, fresh, 3650);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(fresh).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        SimulatorCounters after = simulator.control().counters();

        long stoppedAndResumed = BackfillAccounts.pagedRequests(resumedCounters);
        long fromScratch = BackfillAccounts.pagedRequests(after) - BackfillAccounts.pagedRequests(before);
        long beforeStop = BackfillAccounts.pagedRequests(atStop);
        LoggerFactory.getLogger(BackfillResumeCases.class).info(
                "paged requests: {} before the stop, {} stopped + resumed, {} from scratch; tickets fetched {} + {}",
                beforeStop, stoppedAndResumed, fromScratch, stopped.counts().get("tickets").fetched(),
                resumed.counts().get("tickets").fetched());
        // At most 3 requests per endpoint were in flight when the node stopped; nothing else is read twice.
        assertThat(stoppedAndResumed).as("requests: %d before the stop, %d in all; %d from scratch", beforeStop,
                stoppedAndResumed, fromScratch).isLessThanOrEqualTo(fromScratch + 3L * BackfillAccounts.PAGED.size());
        assertThat(beforeStop).isGreaterThan(0).isLessThan(fromScratch);
        long ticketsFetched = stopped.counts().get("tickets").fetched() + resumed.counts().get("tickets").fetched();
        assertThat(ticketsFetched).isLessThanOrEqualTo(TICKETS + 3L * 500);
        assertThat(resumedCounters.concurrentPeak().values()).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(3));
    }

    @Test
    void aWideningOfTheIngestWindowStoppedHalfWayResumesOnTheNextNode() {
        running = start();
        long accountId = BackfillAccounts.open(running, "Widened");
        BackfillAccounts.connect(running, simulator, accountId, 30);
        SyncRunRepository runs = running.getBean(SyncRunRepository.class);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(accountId).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        Instant covered = runs.latestBackfill(accountId).orElseThrow().windowStart();
        assertThat(running.getBean(HelpdeskConnections.class).saveSettings(accountId,
                new SyncSettings(true, true, true, true, true, true, 3650, 300))).isEmpty();
        JdbcClient jdbc = running.getBean(JdbcClient.class);
        // Stop once the widening has checkpointed some ticket pages and note batches of its own.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                jdbc.sql("""
                        select count(*) from sync_backfill_segments s join sync_runs r on r.id = s.run_id
                         where s.account_id = :a and s.entity = 'ticket_notes' and s.done = true
                           and r.window_end is not null""").param("a", accountId).query(Long.class).single() >= 2);
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
        SimulatorMirror.assertMirrors(simulator, running.getBean(MirrorQueries.class), accountId,
                resumed.windowStart());
        // Only the older tickets were read, and the pages finished before the stop were not read again.
        long older = java.util.stream.StreamSupport.stream(simulator.control().dump().path("entities")
                        .path("Tickets").spliterator(), false)
                .filter(t -> Timestamps.parse(t.path("lastActivityDate").asString()).isBefore(covered)).count();
        long ticketsFetched = stopped.counts().get("tickets").fetched() + resumed.counts().get("tickets").fetched();
        assertThat(stopped.counts().get("tickets").fetched()).isPositive();
        assertThat(ticketsFetched).isBetween(older, older + 3L * 500);
    }

    /** A Horizon node; command-line arguments, as they win over application.properties (default properties do not). */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HorizonApplication.class).run(
                "--spring.datasource.url=" + databaseUrl(),
                "--spring.datasource.username=" + databaseUser(),
                "--spring.datasource.password=",
                "--horizon.master-key=" + HorizonTest.MASTER_KEY,
                "--horizon.data-dir=target/test-data",
                "--horizon.demo.enabled=false",
                "--server.port=0",
                "--db-scheduler.polling-interval=1s",
                "--horizon.sync.dispatch-interval=1s",
                "--horizon.autotask.discovery-url=" + simulator.zones().get(0).apiUrl());
    }
}
