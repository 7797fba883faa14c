package horizon.bench;

import horizon.HorizonApplication;
import horizon.account.Accounts;
import horizon.account.ApiTokens;
import horizon.account.HorizonUser;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Horizon started in-process for the callback benches, as {@link BackfillBench} starts it (a simulator from
 * {@link BenchPsa}, an H2 file or zonky PostgreSQL, Horizon's properties as arguments), with an account connected to
 * the simulator, its backfill finished and its webhooks registered ({@code callback_registrations} says REGISTERED,
 * what {@code WebhookStore.registration(accountId)} reads). Extra Spring sources (the no-op endpoint) and properties
 * come from the bench.
 */
final class BenchHorizon implements AutoCloseable {

    /** What every callback bench saves: all history in the window (600 days), polling every 5 minutes. */
    static final SyncSettings SETTINGS = new SyncSettings(true, true, true, true, true, true, 600, 300);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(20);

    final BenchPsa psa;
    final BackfillBench.Store store;
    final ConfigurableApplicationContext context;
    final JdbcTemplate jdbc;
    final long accountId;
    final HorizonUser admin;
    final String baseUrl;
    final double loadAverageBefore;
    final Duration backfill;
    final Duration registration;
    private final EmbeddedPostgres postgres;

    private BenchHorizon(BenchPsa psa, BackfillBench.Store store, EmbeddedPostgres postgres,
                         ConfigurableApplicationContext context, long accountId, HorizonUser admin,
                         double loadAverageBefore, Duration backfill, Duration registration) {
        this.psa = psa;
        this.store = store;
        this.postgres = postgres;
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.accountId = accountId;
        this.admin = admin;
        this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        this.loadAverageBefore = loadAverageBefore;
        this.backfill = backfill;
        this.registration = registration;
    }

    /**
     * Horizon's start arguments for a bench: a random port, its own data directory, the simulator's endpoints, the
     * store, then {@code extra}. As arguments, not default properties: those would lose to application.properties.
     */
    static String[] arguments(BenchPsa psa, Path work, EmbeddedPostgres postgres, Map<String, ?> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("horizon.data-dir", work.toString());
        properties.putAll(psa.horizonProperties());
        properties.put("db-scheduler.polling-interval", "1s");
        properties.put("logging.level.root", "WARN");
        if (postgres != null) {
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            // Horizon creates a key file only for its embedded store; a bench's database lives as long as the run.
            properties.put("horizon.master-key", newMasterKey());
        }
        properties.putAll(extra);
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Starts the simulator, the store and Horizon, connects an account and waits for its backfill and webhooks. */
    static BenchHorizon start(BenchPsa.Product product, int tickets, BackfillBench.Store store,
                              Map<String, String> extraProperties, Class<?>... extraSources)
            throws IOException, InterruptedException {
        return start(product, BenchPsa.Size.forTickets(tickets), store, extraProperties, extraSources);
    }

    /** {@link #start(BenchPsa.Product, int, BackfillBench.Store, Map, Class[])} with an MSP of this size. */
    static BenchHorizon start(BenchPsa.Product product, BenchPsa.Size size, BackfillBench.Store store,
                              Map<String, String> extraProperties, Class<?>... extraSources)
            throws IOException, InterruptedException {
        BenchPsa psa = product.start(size);
        EmbeddedPostgres postgres = null;
        ConfigurableApplicationContext context = null;
        try {
            postgres = store == BackfillBench.Store.POSTGRES ? EmbeddedPostgres.builder().start() : null;
            Path work = Files.createTempDirectory("horizon-bench");
            String[] arguments = arguments(psa, work, postgres, extraProperties);
            List<Class<?>> sources = new ArrayList<>();
            sources.add(HorizonApplication.class);
            sources.addAll(List.of(extraSources));
            context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(arguments);

            HorizonUser admin = context.getBean(Accounts.class).openAccount("Bench MSP", "bench@bench.horizon.local",
                    "Bench", "bench-password-" + System.nanoTime());
            long accountId = admin.accountId();
            HelpdeskConnections connections = context.getBean(HelpdeskConnections.class);
            HelpdeskCredentials credentials = psa.credentials();
            ConnectionTestOutcome tested = connections.test(psa.kind(), credentials);
            if (!tested.ok()) {
                throw new IllegalStateException("Connect failed against the simulator: " + tested);
            }
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Instant connecting = Instant.now();
            connections.saveSettings(accountId, SETTINGS);
            connections.connect(accountId, psa.kind(), credentials, tested.result());
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Duration registered = awaitRegistration(jdbc, accountId, connecting);
            awaitBackfill(jdbc, accountId);
            Duration backfill = Duration.between(connecting, Instant.now());
            return new BenchHorizon(psa, store, postgres, context, accountId, admin, load, backfill, registered);
        } catch (IOException | InterruptedException | RuntimeException failed) {
            if (context != null) {
                context.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            psa.close();
            throw failed;
        }
    }

    private static Duration awaitRegistration(JdbcTemplate jdbc, long accountId, Instant since)
            throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(giveUp)) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "select outcome, error from callback_registrations where account_id = ?", accountId);
            if (!rows.isEmpty() && "REGISTERED".equals(rows.get(0).get("outcome"))) {
                return Duration.between(since, Instant.now());
            }
            if (!rows.isEmpty() && "FAILED".equals(rows.get(0).get("outcome"))) {
                throw new IllegalStateException("webhook registration failed: " + rows.get(0).get("error"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the webhooks were not registered within 2 minutes");
    }

    private static void awaitBackfill(JdbcTemplate jdbc, long accountId) throws InterruptedException {
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        while (Instant.now().isBefore(giveUp)) {
            List<Map<String, Object>> runs = jdbc.queryForList("""
                    select state, error from sync_runs
                     where account_id = ? and kind = 'BACKFILL' order by id desc
                    """, accountId);
            if (!runs.isEmpty() && "SUCCEEDED".equals(runs.get(0).get("state"))) {
                return;
            }
            if (!runs.isEmpty() && List.of("FAILED", "INTERRUPTED").contains(runs.get(0).get("state"))) {
                throw new IllegalStateException("the backfill ended " + runs.get(0));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the backfill did not finish within " + GIVE_UP_AFTER);
    }

    /** A personal API token of the account's admin, as the test Fixtures issue one. */
    String apiToken() {
        return context.getBean(ApiTokens.class).issue(accountId, admin.id(), "bench " + System.nanoTime())
                .plaintext();
    }

    /** The mirror's ticket ids, ascending. */
    List<Long> ticketIds() {
        return jdbc.queryForList("select external_id from tickets where account_id = ? order by external_id",
                Long.class, accountId);
    }

    /** The newest sync run's id of the account (0: none). */
    long lastSyncRunId() {
        return count("select coalesce(max(id), 0) from sync_runs where account_id = ?");
    }

    /** Sync runs (polls, backfills) after {@code runId}: kind and state with the requests they report, e.g. "POLL SUCCEEDED 12". */
    List<String> syncRunsAfter(long runId) {
        return jdbc.query("select kind, state, api_requests from sync_runs where account_id = ? and id > ? order by id",
                (rs, n) -> rs.getString("kind") + " " + rs.getString("state") + " " + rs.getLong("api_requests"),
                accountId, runId);
    }

    /** Requests the sync runs after {@code runId} report having made. */
    long syncRunRequestsAfter(long runId) {
        Long sum = jdbc.queryForObject("select coalesce(sum(api_requests), 0) from sync_runs where account_id = ? and id > ?",
                Long.class, accountId, runId);
        return sum == null ? 0 : sum;
    }

    /** Inbox rows of the account the door accepted (answered 200). */
    long acceptedRows() {
        return count("select count(*) from callback_inbox where account_id = ? and http_status = 200");
    }

    /** Inbox rows of the account still waiting for the processor. */
    long queuedRows() {
        return count("select count(*) from callback_inbox where account_id = ? and state = 'QUEUED'");
    }

    /** Waits until no row of the account is QUEUED; returns how long that took, or null after {@code max}. */
    /** Waits until no sync run of the account is queued or running. */
    void awaitNoSyncRunning(Duration max) throws InterruptedException {
        Instant giveUp = Instant.now().plus(max);
        while (count("select count(*) from sync_runs where account_id = ? and state in ('QUEUED', 'RUNNING')") > 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("A sync run was still running after " + max);
            }
            Thread.sleep(200);
        }
    }

    Duration awaitDrained(Duration max) throws InterruptedException {
        Instant start = Instant.now();
        Instant giveUp = start.plus(max);
        while (Instant.now().isBefore(giveUp)) {
            if (queuedRows() == 0) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(100);
        }
        return null;
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class, accountId);
        return count == null ? 0 : count;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } catch (IOException ignored) {
                // a temporary server
            } finally {
                psa.close();
            }
        }
    }
}
