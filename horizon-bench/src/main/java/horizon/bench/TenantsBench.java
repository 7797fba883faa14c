package horizon.bench;

import benchnoop.CountingStatements;
import com.sun.management.OperatingSystemMXBean;
import horizon.HorizonApplication;
import horizon.account.Accounts;
import horizon.account.HorizonUser;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tenants}: one node with many connected accounts, each against its own simulated ConnectWise site (one
 * {@link SimulatedConnectWise} per account, a tiny MSP each, all in this JVM), polling every {@code --poll-seconds}
 * with webhooks on. Measures an idle window and an active one (a few ticket changes a minute across all sites,
 * delivered by the simulators as callbacks): process CPU, SQL statements per second (counted on Horizon's pool by
 * {@link CountingStatements}: every statement Horizon and db-scheduler run, not the bench's own look-ups), and the
 * scheduling delay of polls (a POLL run's {@code started_at} less the {@code sync_due.due_at} the account had before
 * it, sampled every second). Then one more account connects to a site with {@code --backfill-tickets} tickets, and
 * the other accounts' poll delays are measured while its backfill runs.
 */
final class TenantsBench {

    /** What to run. */
    record Plan(BackfillBench.Store store, int accounts, int ticketsPerAccount, int pollSeconds, int idleSeconds,
                int activeSeconds, double changesPerMinute, int backfillTickets, int backfillSeconds) {
    }

    /** One measured window. */
    record Window(String name, double seconds, long statements, long commits, double statementsPerSecond,
                  double statementsPerAccountPerSecond, double peakStatementsPer10s, double cpuCoresUsed,
                  double cpuShareOfMachine, int polls, double delayP50Millis, double delayP99Millis,
                  double delayMaxMillis, long changes, Map<String, Long> topStatements) {
    }

    private final Plan plan;

    TenantsBench(Plan plan) {
        this.plan = plan;
    }

    String run(Path out) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = Thread.activeCount();
        long startingSites = System.nanoTime();
        BenchPsa.Size size = new BenchPsa.Size(2, 4, 3, plan.ticketsPerAccount(), 2);
        List<SimulatedConnectWise> sites = new ArrayList<>();
        EmbeddedPostgres postgres = null;
        ConfigurableApplicationContext context = null;
        SimulatedConnectWise big = null;
        try {
            for (int i = 0; i < plan.accounts(); i++) {
                sites.add(SimulatedConnectWise.start(size, 1_000L + i));
            }
            double sitesSeconds = (System.nanoTime() - startingSites) / 1e9;
            System.gc();
            long sitesHeap = memory.getHeapMemoryUsage().getUsed() - heapBefore;
            int sitesThreads = Thread.activeCount() - threadsBefore;
            System.out.printf(Locale.ROOT, "%d sites started in %.1f s, %.1f MB heap, %d threads%n", sites.size(),
                    sitesSeconds, sitesHeap / 1e6, sitesThreads);

            postgres = plan.store() == BackfillBench.Store.POSTGRES ? EmbeddedPostgres.builder().start() : null;
            Path work = Files.createTempDirectory("horizon-bench-tenants");
            context = new SpringApplicationBuilder(HorizonApplication.class, CountingStatements.class)
                    .run(BenchHorizon.arguments(sites.get(0), work, postgres,
                            // Horizon's own default (the other benches poll every second), so the idle cost is a node's.
                            Map.of("db-scheduler.polling-interval", "10s")));
            JdbcTemplate jdbc = new JdbcTemplate(CountingStatements.uncounted());
            HelpdeskConnections connections = context.getBean(HelpdeskConnections.class);
            Accounts accounts = context.getBean(Accounts.class);
            SyncSettings s = BenchHorizon.SETTINGS;
            SyncSettings settings = new SyncSettings(s.tickets(), s.companies(), s.contacts(), s.helpdeskUsers(),
                    s.notes(), s.timeEntries(), s.ingestWindowDays(), plan.pollSeconds());

            long connecting = System.nanoTime();
            Map<Long, SimulatedConnectWise> siteOf = new HashMap<>();
            for (int i = 0; i < sites.size(); i++) {
                long accountId = connect(accounts, connections, settings, sites.get(i), "Tenant " + i);
                siteOf.put(accountId, sites.get(i));
            }
            awaitConnected(jdbc, siteOf.size(), Duration.ofMinutes(30));
            double connectSeconds = (System.nanoTime() - connecting) / 1e9;
            System.out.printf(Locale.ROOT, "%d accounts connected, backfilled and registered in %.1f s%n",
                    siteOf.size(), connectSeconds);

            DueSampler sampler = new DueSampler(jdbc);
            sampler.start();
            try {
                // Let the first polls after the backfills spread out before measuring.
                Thread.sleep(Duration.ofSeconds(plan.pollSeconds()).toMillis());
                Window idle = window("idle", jdbc, sampler, plan.idleSeconds(), 0, siteOf);
                System.out.println(row(idle));
                Window active = window("active", jdbc, sampler, plan.activeSeconds(), plan.changesPerMinute(),
                        siteOf);
                System.out.println(row(active));

                Window backfill = null;
                String backfillState = "not run";
                double backfillRunSeconds = 0;
                if (plan.backfillTickets() > 0) {
                    long generating = System.nanoTime();
                    big = SimulatedConnectWise.start(BenchPsa.Size.forTickets(plan.backfillTickets()), 7L);
                    System.out.printf(Locale.ROOT, "backfill site of %,d tickets generated in %.1f s%n",
                            plan.backfillTickets(), (System.nanoTime() - generating) / 1e9);
                    long bigAccount = connect(accounts, connections, settings, big, "Big tenant");
                    BackfillWatch watch = new BackfillWatch(jdbc, bigAccount);
                    backfill = window("during backfill", jdbc, sampler, plan.backfillSeconds(),
                            plan.changesPerMinute(), siteOf, watch);
                    backfillState = watch.state();
                    backfillRunSeconds = watch.seconds();
                    System.out.println(row(backfill));
                }
                String markdown = markdown(sitesSeconds, sitesHeap, sitesThreads, connectSeconds, idle, active,
                        backfill, backfillState, backfillRunSeconds);
                ObjectNode json = BenchOutput.JSON.createObjectNode();
                json.put("bench", "tenants");
                json.put("at", Instant.now().toString());
                json.put("store", plan.store().name());
                json.set("plan", BenchOutput.JSON.valueToTree(plan));
                json.put("cores", Runtime.getRuntime().availableProcessors());
                json.put("java", System.getProperty("java.version"));
                json.put("sitesStartSeconds", sitesSeconds);
                json.put("sitesHeapBytes", sitesHeap);
                json.put("sitesThreads", sitesThreads);
                json.put("connectSeconds", connectSeconds);
                json.set("idle", BenchOutput.JSON.valueToTree(idle));
                json.set("active", BenchOutput.JSON.valueToTree(active));
                if (backfill != null) {
                    json.set("duringBackfill", BenchOutput.JSON.valueToTree(backfill));
                    json.put("backfillState", backfillState);
                    json.put("backfillSeconds", backfillRunSeconds);
                }
                BenchOutput.write(out, "tenants-" + plan.accounts() + "-" + plan.store().name().toLowerCase(Locale.ROOT),
                        json, markdown);
                return markdown;
            } finally {
                sampler.stop();
            }
        } finally {
            if (context != null) {
                context.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (big != null) {
                big.close();
            }
            sites.forEach(SimulatedConnectWise::close);
        }
    }

    private static long connect(Accounts accounts, HelpdeskConnections connections, SyncSettings settings,
                                SimulatedConnectWise site, String name) {
        HorizonUser admin = accounts.openAccount(name, "admin" + System.nanoTime() + "@bench.horizon.local", "Admin",
                "bench-password-" + System.nanoTime());
        ConnectionTestOutcome tested = connections.test(site.kind(), site.credentials());
        if (!tested.ok()) {
            throw new IllegalStateException("Connect failed against the simulator: " + tested);
        }
        connections.saveSettings(admin.accountId(), settings);
        connections.connect(admin.accountId(), site.kind(), site.credentials(), tested.result());
        return admin.accountId();
    }

    /** Waits until every account's backfill succeeded and its webhooks are registered. */
    private static void awaitConnected(JdbcTemplate jdbc, int accounts, Duration max) throws InterruptedException {
        Instant giveUp = Instant.now().plus(max);
        long backfilled = 0;
        long registered = 0;
        while (Instant.now().isBefore(giveUp)) {
            backfilled = count(jdbc, "select count(distinct account_id) from sync_runs where kind = 'BACKFILL' "
                    + "and state = 'SUCCEEDED'");
            registered = count(jdbc, "select count(*) from callback_registrations where outcome = 'REGISTERED'");
            long failed = count(jdbc, "select count(*) from callback_registrations where outcome = 'FAILED'");
            if (failed > 0) {
                throw new IllegalStateException(failed + " webhook registrations failed");
            }
            if (backfilled >= accounts && registered >= accounts) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("after " + max + ": " + backfilled + " backfilled, " + registered
                + " registered of " + accounts);
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private Window window(String name, JdbcTemplate jdbc, DueSampler sampler, int seconds, double changesPerMinute,
                          Map<Long, SimulatedConnectWise> siteOf) throws InterruptedException {
        return window(name, jdbc, sampler, seconds, changesPerMinute, siteOf, null);
    }

    /**
     * Measures for {@code seconds} (or, with a backfill watch, until that backfill ended, at most {@code seconds}),
     * making {@code changesPerMinute} ticket changes spread over random accounts.
     */
    private Window window(String name, JdbcTemplate jdbc, DueSampler sampler, int seconds, double changesPerMinute,
                          Map<Long, SimulatedConnectWise> siteOf, BackfillWatch watch) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<long[]> tickets = changesPerMinute > 0
                ? jdbc.query("select account_id, external_id from tickets", (rs, n) -> new long[] {rs.getLong(1),
                        rs.getLong(2)}).stream().filter(t -> siteOf.containsKey(t[0])).toList()
                : List.of();
        Random random = new Random(seconds);
        Instant from = Instant.now();
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        long statementsStart = CountingStatements.statements();
        long commitsStart = CountingStatements.commits();
        Map<String, Long> bySqlStart = CountingStatements.bySql();
        long nextSlice = start + 10_000_000_000L;
        long sliceStatements = statementsStart;
        double peak = 0;
        long changes = 0;
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end && (watch == null || !watch.finished())) {
            long now = System.nanoTime();
            if (changesPerMinute > 0 && !tickets.isEmpty() && changes < (now - start) / 60e9 * changesPerMinute) {
                long[] ticket = tickets.get(random.nextInt(tickets.size()));
                siteOf.get(ticket[0]).retitleTicket(ticket[1], "Tenants bench change " + changes);
                changes++;
            }
            if (now >= nextSlice) {
                long statements = CountingStatements.statements();
                peak = Math.max(peak, (statements - sliceStatements) / 10.0);
                sliceStatements = statements;
                nextSlice += 10_000_000_000L;
            }
            Thread.sleep(100);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long statements = CountingStatements.statements() - statementsStart;
        long commits = CountingStatements.commits() - commitsStart;
        Instant to = Instant.now();
        Map<String, Long> top = new java.util.LinkedHashMap<>();
        BenchOutput.minus(CountingStatements.bySql(), bySqlStart).entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(40)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        // A poll started near the window's end may have its due time sampled only afterwards: a second's grace.
        Thread.sleep(1_500);
        List<Long> delays = sampler.delays(jdbc, from, to);
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        int cores = Runtime.getRuntime().availableProcessors();
        return new Window(name, wall, statements, commits, statements / wall, statements / wall / siteOf.size(),
                peak, cpu / wall, cpu / wall / cores, sorted.length, percentile(sorted, 0.5),
                percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], changes, top);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Samples {@code sync_due} every second: each account's due times as they were before its runs started, so a
     * POLL run's delay is its {@code started_at} less the latest due time seen at or before it.
     */
    private static final class DueSampler {
        private final JdbcTemplate jdbc;
        private final Map<Long, ConcurrentSkipListMap<Instant, Boolean>> dueTimes = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        DueSampler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.thread = new Thread(this::sample, "tenants-due-sampler");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running.set(false);
        }

        private void sample() {
            while (running.get()) {
                try {
                    jdbc.query("select account_id, due_at from sync_due", rs -> {
                        dueTimes.computeIfAbsent(rs.getLong(1), id -> new ConcurrentSkipListMap<>())
                                .put(instant(rs.getObject(2)), Boolean.TRUE);
                    });
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("due sampler: " + e.getMessage());
                }
            }
        }

        /** Delays (ms) of the POLL runs that started in [from, to), of accounts sampled before the run. */
        List<Long> delays(JdbcTemplate jdbc, Instant from, Instant to) {
            List<Long> delays = new ArrayList<>();
            jdbc.query("select account_id, started_at from sync_runs where kind = 'POLL' and started_at >= ? "
                    + "and started_at < ?", rs -> {
                        Instant started = instant(rs.getObject(2));
                        ConcurrentSkipListMap<Instant, Boolean> seen = dueTimes.get(rs.getLong(1));
                        Instant due = seen == null ? null : seen.floorKey(started);
                        if (due != null) {
                            delays.add(Duration.between(due, started).toMillis());
                        }
                    }, Timestamp.from(from), Timestamp.from(to));
            return delays;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw new IllegalStateException("a timestamp as " + value.getClass());
    }

    /** The big account's backfill: finished once its BACKFILL run is no longer queued or running. */
    private static final class BackfillWatch {
        private final JdbcTemplate jdbc;
        private final long accountId;
        private final long start = System.nanoTime();
        private long lastLook;
        private String state = "QUEUED";
        private double seconds;

        BackfillWatch(JdbcTemplate jdbc, long accountId) {
            this.jdbc = jdbc;
            this.accountId = accountId;
        }

        boolean finished() {
            long now = System.nanoTime();
            if (now - lastLook < 2_000_000_000L) {
                return false;
            }
            lastLook = now;
            List<String> states = jdbc.queryForList("select state from sync_runs where account_id = ? and kind = "
                    + "'BACKFILL' order by id desc", String.class, accountId);
            state = states.isEmpty() ? "QUEUED" : states.get(0);
            seconds = (now - start) / 1e9;
            return List.of("SUCCEEDED", "FAILED", "INTERRUPTED").contains(state);
        }

        String state() {
            finished();
            return state;
        }

        double seconds() {
            return seconds;
        }
    }

    private static String row(Window w) {
        return String.format(Locale.ROOT, "| %s | %.0f s | %,d | %.1f | **%.3f** | %.1f | %.2f (%.0f %%) | %,d | %.0f ms "
                        + "| **%.0f ms** | %.0f ms | %d |", w.name(), w.seconds(), w.statements(),
                w.statementsPerSecond(), w.statementsPerAccountPerSecond(), w.peakStatementsPer10s(), w.cpuCoresUsed(),
                w.cpuShareOfMachine() * 100, w.polls(), w.delayP50Millis(), w.delayP99Millis(), w.delayMaxMillis(),
                w.changes());
    }

    private String markdown(double sitesSeconds, long sitesHeap, int sitesThreads, double connectSeconds, Window idle,
                            Window active, Window backfill, String backfillState, double backfillSeconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "tenants, %s, %d accounts (ConnectWise sites of %d tickets each), polling "
                        + "every %d s, webhooks on, %.1f changes/min in the active window; load average %.2f now%n%n",
                plan.store(), plan.accounts(), plan.ticketsPerAccount(), plan.pollSeconds(), plan.changesPerMinute(),
                BenchOutput.loadAverage()));
        md.append(String.format(Locale.ROOT, "Sites: %d started in %.1f s, %.0f MB of heap, %d threads; connecting, "
                        + "backfilling and registering webhooks of all accounts: %.1f s%n%n", plan.accounts(),
                sitesSeconds, sitesHeap / 1e6, sitesThreads, connectSeconds));
        md.append("| window | length | statements | per second | per account per second | peak per second (10 s) "
                + "| process CPU, cores (share of machine) | polls | delay p50 | delay p99 | delay max | changes |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(row(idle)).append('\n').append(row(active)).append('\n');
        if (backfill != null) {
            md.append(row(backfill)).append('\n');
            md.append(String.format(Locale.ROOT, "%nBackfill of %,d tickets: %s after %.0f s%n", plan.backfillTickets(),
                    backfillState, backfillSeconds));
        }
        for (Window w : backfill == null ? List.of(idle, active) : List.of(idle, active, backfill)) {
            md.append(String.format(Locale.ROOT, "%nStatements in the %s window, most run first:%n%n| statements | SQL |%n"
                    + "|---|---|%n", w.name()));
            w.topStatements().forEach((sql, count) -> md.append(String.format(Locale.ROOT, "| %,d | `%s` |%n", count,
                    (sql.length() > 160 ? sql.substring(0, 160) + "…" : sql).replace("|", "\\|"))));
        }
        md.append(String.format(Locale.ROOT, "%n- Idle cost: %.3f statements per account per second %s 0.2%n",
                idle.statementsPerAccountPerSecond(), idle.statementsPerAccountPerSecond() <= 0.2 ? "≤" : "> (missed)"));
        for (Window w : backfill == null ? List.of(idle, active) : List.of(idle, active, backfill)) {
            md.append(String.format(Locale.ROOT, "- Scheduling delay p99 (%s): %.1f s %s 5 s%n", w.name(),
                    w.delayP99Millis() / 1000, w.delayP99Millis() <= 5_000 ? "≤" : "> (missed)"));
        }
        return md.toString();
    }
}
