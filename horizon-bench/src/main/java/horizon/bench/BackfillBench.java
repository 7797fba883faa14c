package horizon.bench;

import horizon.HorizonApplication;
import horizon.account.Accounts;
import horizon.account.HorizonUser;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.EntityCount;
import horizon.mirror.MirrorQueries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures Horizon's first sync: a simulated PSA (Autotask or ConnectWise, see {@link BenchPsa}) with a large MSP,
 * Horizon started in-process on H2 or PostgreSQL, Connect, then the backfill Horizon starts by itself, timed from its
 * Sync Run log and checked record by record count against the simulator.
 */
public final class BackfillBench {

    /** Where Horizon stores the mirror during the bench. */
    public enum Store { H2, POSTGRES }

    /**
     * What to measure.
     *
     * @param psa           the simulated PSA
     * @param tickets       tickets the simulated MSP has (all inside the ingest window)
     * @param latencyMillis added by the simulator to every API request
     * @param store         Horizon's database
     */
    public record Plan(BenchPsa.Product psa, int tickets, int latencyMillis, Store store) {
        static Plan defaults() {
            return new Plan(BenchPsa.Product.AUTOTASK, 100_000, 0, Store.H2);
        }

        Plan withPsa(BenchPsa.Product p) {
            return new Plan(p, tickets, latencyMillis, store);
        }

        Plan withTickets(int n) {
            return new Plan(psa, n, latencyMillis, store);
        }

        Plan withLatencyMillis(int ms) {
            return new Plan(psa, tickets, ms, store);
        }

        Plan withStore(Store s) {
            return new Plan(psa, tickets, latencyMillis, s);
        }
    }

    /**
     * What was measured.
     *
     * @param plan              what was asked for
     * @param state             the backfill run's final state as its Sync Run log shows it
     * @param error             the run's error, if any
     * @param fetchedByEntity   records read per entity, from the run's counts
     * @param records           all records read
     * @param runDuration       started → finished of the run
     * @param recordsPerSecond  records ÷ run duration
     * @param apiRequests       requests the run reports having used
     * @param simulatorRequests requests the simulator answered with 200 during the run (all endpoints)
     * @param floorInFlight     the requests in flight the floor allows: Autotask 3 (its per-endpoint limit, counted
     *                          once), ConnectWise {@code horizon.connectwise.requests-in-flight} (4, per tenant)
     * @param floorSeconds      simulatorRequests × latency ÷ floorInFlight: the wall time of a perfect client limited
     *                          to that many in flight
     * @param ratioToFloor      run duration ÷ floor (latency runs only)
     * @param peakConcurrent    the most concurrent requests the simulator saw: Autotask on any one endpoint,
     *                          ConnectWise in all ({@code peakScope})
     * @param peakScope         "per endpoint" or "in all"
     * @param mirrorMatches     whether the mirror holds as many live tickets, notes and time entries as the simulator
     * @param mirrorCounts      the mirror's live counts per entity
     * @param simulatorCounts   the simulator's counts per entity
     * @param generatedIn       how long the simulator took to generate the MSP
     * @param loadAverageBefore the machine's one-minute load average when the run started (a quiet machine: about 1)
     * @param statements        on PostgreSQL, the statements that took most of its time, from pg_stat_statements
     * @param pacingNote        how the bench's pace compares with the real PSA's limits (empty: nothing to say)
     */
    public record Result(Plan plan, String state, String error, Map<String, Long> fetchedByEntity, long records,
                         Duration runDuration, double recordsPerSecond, long apiRequests, long simulatorRequests,
                         int floorInFlight, double floorSeconds, double ratioToFloor, int peakConcurrent,
                         String peakScope, boolean mirrorMatches, Map<String, Long> mirrorCounts,
                         Map<String, Long> simulatorCounts, Duration generatedIn, double loadAverageBefore,
                         List<StatementCost> statements, String pacingNote) {

        boolean succeeded() {
            return "SUCCEEDED".equals(state) && mirrorMatches;
        }

        /** Simulator requests per ticket of the MSP. */
        double requestsPerTicket() {
            return plan.tickets() == 0 ? 0 : simulatorRequests / (double) plan.tickets();
        }
    }

    /**
     * What one statement cost PostgreSQL over the whole run.
     *
     * @param statement the statement's start, whitespace collapsed
     * @param calls     executions
     * @param rows      rows written or returned
     * @param execMillis time executing
     * @param planMillis time planning
     */
    public record StatementCost(String statement, long calls, long rows, long execMillis, long planMillis) {
    }

    private static final String TOP_STATEMENTS = """
            select left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as statement, calls, rows,
                   round(total_exec_time) as exec_ms, round(total_plan_time) as plan_ms
              from pg_stat_statements
             order by total_exec_time + total_plan_time desc
             limit 8
            """;

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(45);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Plan plan;

    public BackfillBench(Plan plan) {
        this.plan = plan;
    }

    public Result run() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("horizon-bench");
        Instant generating = Instant.now();
        try (BenchPsa psa = plan.psa().start(BenchPsa.Size.forTickets(plan.tickets()));
             EmbeddedPostgres postgres = plan.store() == Store.POSTGRES ? EmbeddedPostgres.builder()
                     // Loaded so the report can say where PostgreSQL's time went; Horizon does not use it.
                     .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                     .setServerConfig("pg_stat_statements.track_planning", "on").start() : null) {
            Duration generatedIn = Duration.between(generating, Instant.now());
            psa.setLatency(Duration.ofMillis(plan.latencyMillis()));
            String[] arguments = BenchHorizon.arguments(psa, work, postgres, Map.of());
            try (ConfigurableApplicationContext horizon = new SpringApplicationBuilder(HorizonApplication.class)
                    .run(arguments)) {
                return measure(psa, horizon, generatedIn);
            }
        }
    }

    private Result measure(BenchPsa psa, ConfigurableApplicationContext horizon, Duration generatedIn)
            throws InterruptedException {
        HorizonUser admin = horizon.getBean(Accounts.class)
                .openAccount("Bench MSP", "bench@bench.horizon.local", "Bench", "bench-password-" + System.nanoTime());
        long accountId = admin.accountId();
        HelpdeskConnections connections = horizon.getBean(HelpdeskConnections.class);
        HelpdeskCredentials credentials = psa.credentials();
        // The whole generated history (18 months) is inside the window, so every ticket is read.
        var settings = new SyncSettings(true, true, true, true, true, true, 600, 300);
        ConnectionTestOutcome tested = connections.test(psa.kind(), credentials);
        if (!tested.ok()) {
            throw new IllegalStateException("Connect failed against the simulator: " + tested);
        }
        long requestsBefore = psa.okRequests();
        double loadAverageBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        connections.saveSettings(accountId, settings);
        connections.connect(accountId, psa.kind(), credentials, tested.result());

        JdbcTemplate jdbc = horizon.getBean(JdbcTemplate.class);
        Map<String, Object> run = awaitBackfill(jdbc, accountId);
        long requestsDuring = psa.okRequests() - requestsBefore;
        List<StatementCost> statements = plan.store() == Store.POSTGRES ? statementCosts(jdbc) : List.of();
        Map<String, Long> fetched = new LinkedHashMap<>();
        JsonNode counts = JSON.readTree((String) run.get("counts_json"));
        counts.properties().forEach(e -> fetched.put(e.getKey(), e.getValue().path("fetched").asLong()));
        long records = fetched.values().stream().mapToLong(Long::longValue).sum();
        Instant started = toInstant(run.get("started_at"));
        Instant finished = toInstant(run.get("finished_at"));
        Duration took = started == null || finished == null ? Duration.ZERO : Duration.between(started, finished);
        double seconds = took.toNanos() / 1e9;
        int floorInFlight = psa.floorInFlight(horizon);
        double floor = requestsDuring * plan.latencyMillis() / 1000.0 / floorInFlight;

        Map<String, Long> mirror = new LinkedHashMap<>();
        for (EntityCount count : horizon.getBean(MirrorQueries.class).counts(accountId)) {
            mirror.put(count.entity(), count.live());
        }
        Map<String, Long> sim = psa.counts();
        boolean matches = sim.entrySet().stream()
                .allMatch(e -> e.getValue().equals(mirror.getOrDefault(e.getKey(), -1L)));
        return new Result(plan, (String) run.get("state"), (String) run.get("error"), fetched, records, took,
                seconds == 0 ? 0 : records / seconds, ((Number) run.get("api_requests")).longValue(), requestsDuring,
                floorInFlight, floor, floor == 0 ? 0 : seconds / floor, psa.peakInFlight(), psa.peakScope(), matches,
                mirror, sim, generatedIn, loadAverageBefore, statements, psa.pacingNote(requestsDuring));
    }

    private static Map<String, Object> awaitBackfill(JdbcTemplate jdbc, long accountId) throws InterruptedException {
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        while (Instant.now().isBefore(giveUp)) {
            List<Map<String, Object>> runs = jdbc.queryForList("""
                    select state, started_at, finished_at, counts_json, api_requests, error
                      from sync_runs
                     where account_id = ? and kind = 'BACKFILL'
                     order by id desc
                    """, accountId);
            if (!runs.isEmpty() && List.of("SUCCEEDED", "FAILED", "INTERRUPTED").contains(runs.get(0).get("state"))) {
                return runs.get(0);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the backfill did not finish within " + GIVE_UP_AFTER);
    }

    private static List<StatementCost> statementCosts(JdbcTemplate jdbc) {
        jdbc.execute("create extension if not exists pg_stat_statements");
        return jdbc.query(TOP_STATEMENTS, (rs, i) -> new StatementCost(rs.getString("statement"), rs.getLong("calls"),
                rs.getLong("rows"), rs.getLong("exec_ms"), rs.getLong("plan_ms")));
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return java.time.OffsetDateTime.parse(value.toString()).toInstant();
    }
}
