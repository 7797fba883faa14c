package horizon.sync;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.function.Supplier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.HorizonApplication;
import horizon.mirror.MirrorQueries;
import horizon.testsupport.EmbeddedPostgresStore;
import horizon.testsupport.HorizonTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Horizon node killed with SIGKILL in the middle of a backfill: no shutdown hook runs, the run row stays RUNNING and
 * db-scheduler's execution stays picked by the dead node. A second node on the same PostgreSQL notices the missing
 * heartbeats, marks the run INTERRUPTED, revives the execution and finishes the backfill from the checkpoints; the
 * simulator's request counters show that pages written before the kill were not read again.
 *
 * <p>The nodes are separate JVMs started from the test's class path. This test JVM holds an observer context on the
 * same database that creates the accounts and reads the results but never runs a sync (its scheduler polls hourly and
 * has no dispatcher). PostgreSQL only: it is the store several nodes share.
 */
class HardKillTakeoverPostgresTest {

    private SimulatedPsa psa;
    private String databaseUrl;
    private ConfigurableApplicationContext observer;
    private final List<Process> nodes = new ArrayList<>();

    /**
     * Each PSA with an MSP a backfill takes a while to read.
     *
     * @param name  for the test's display name
     * @param start starts its simulator
     * @param slack requests a kill may cost again: those in flight, and (a PSA listing notes a few tickets at a time)
     *              the tickets each reading thread had read but not yet written
     */
    record KilledPsa(String name, Supplier<SimulatedPsa> start, long slack) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<KilledPsa> psas() {
        return List.of(new KilledPsa("Autotask", () -> AutotaskPsa.withTickets(6000, Duration.ofMillis(250)), 3L * 3),
                new KilledPsa("ConnectWise", () -> ConnectWisePsa.withTickets(900, Duration.ofMillis(60)),
                        3L * 3 + 3L * BackfillingAccount.TICKETS_PER_WRITE));
    }

    private void start(KilledPsa killed) {
        psa = killed.start().get();
        databaseUrl = EmbeddedPostgresStore.freshDatabaseUrl();
        observer = new SpringApplicationBuilder(HorizonApplication.class).run(arguments(
                "--horizon.sync.enabled=false",
                "--db-scheduler.polling-interval=1h",
                "--db-scheduler.immediate-execution-enabled=false").toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        nodes.forEach(Process::destroyForcibly);
        if (observer != null) {
            observer.close();
        }
        if (psa != null) {
            psa.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aNodeKilledMidBackfillIsTakenOverAndTheBackfillCompletesWithoutReadingFinishedPagesAgain(KilledPsa killedPsa)
            throws Exception {
        start(killedPsa);
        JdbcClient jdbc = observer.getBean(JdbcClient.class);
        SyncRunRepository runs = observer.getBean(SyncRunRepository.class);
        long accountId = BackfillAccounts.open(observer, "Killed");
        BackfillAccounts.connect(observer, psa, accountId, 3650);

        Process first = node("node-1");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50)).until(() ->
                jdbc.sql("select count(*) from sync_backfill_segments where account_id = :a and entity = 'ticket_notes'"
                        + " and (done = true or cursor_id > 0)").param("a", accountId).query(Long.class).single() >= 2);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        long beforeKill = psa.pagedRequests();
        SyncRun killed = runs.latestBackfill(accountId).orElseThrow();
        assertThat(killed.state()).as("nothing ran on the way down").isEqualTo(SyncState.RUNNING);

        Process second = node("node-2");
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(accountId).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        long killedAndResumed = psa.pagedRequests();
        int resumedPeak = psa.peakConcurrency();
        List<SyncRun> backfills = runs.page(accountId, SyncKind.BACKFILL, null, 0, 10);
        SyncRun resumed = backfills.get(0);
        SyncRun interrupted = backfills.get(1);

        assertThat(interrupted.id()).isEqualTo(killed.id());
        assertThat(interrupted.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(interrupted.error()).contains("stopped sending heartbeats");
        assertThat(interrupted.node()).startsWith(first.pid() + "@");
        assertThat(resumed.node()).startsWith(second.pid() + "@");
        assertThat(resumed.resumedFromRunId()).isEqualTo(killed.id());
        assertThat(resumed.triggeredBy()).isEqualTo("resume");
        SimulatorMirror.assertMirrors(psa, observer.getBean(MirrorQueries.class), accountId,
                resumed.windowStart());

        // The same backfill from scratch on the surviving node, for another account, is the baseline.
        long fresh = BackfillAccounts.open(observer, "Fresh");
        long before = psa.pagedRequests();
        BackfillAccounts.connect(observer, psa, fresh, 3650);
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> runs
                .latestBackfill(fresh).filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        long fromScratch = psa.pagedRequests() - before;
        LoggerFactory.getLogger(HardKillTakeoverPostgresTest.class).info(
                "paged requests: {} before the kill, {} killed + resumed, {} from scratch", beforeKill,
                killedAndResumed, fromScratch);
        // Pages in flight at the kill are read again (and children read but not yet written); nothing checkpointed is.
        assertThat(killedAndResumed).as("requests: %d before the kill, %d in all; %d from scratch", beforeKill,
                killedAndResumed, fromScratch).isLessThanOrEqualTo(fromScratch + killedPsa.slack());
        assertThat(beforeKill).isGreaterThan(0).isLessThan(fromScratch);
        // 3 per endpoint (Autotask) or 4 per tenant (ConnectWise), and the simulator's one-answer overlap.
        assertThat(resumedPeak).isLessThanOrEqualTo(5);
    }

    /** Starts a Horizon node in its own JVM, with one-second heartbeats so a dead node is noticed within seconds. */
    private Process node(String name) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "hard-kill"));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                HorizonApplication.class.getName()));
        command.addAll(arguments(
                "--db-scheduler.polling-interval=1s",
                "--db-scheduler.heartbeat-interval=1s",
                "--horizon.sync.dispatch-interval=1s",
                "--horizon.sync.stale-after=10s"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        nodes.add(process);
        return process;
    }

    private List<String> arguments(String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--horizon.master-key=" + HorizonTest.MASTER_KEY,
                "--horizon.data-dir=target/test-data",
                "--horizon.demo.enabled=false",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.horizon.sync=INFO"));
        arguments.addAll(BackfillAccounts.arguments(psa));
        arguments.addAll(List.of(extra));
        return arguments;
    }
}
