package horizon.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Command line of the bench: {@code backfill [--psa autotask|connectwise] [--tickets N] [--latency-ms N]
 * [--store h2|postgres] [--runs N] [--settle-load X] [--http-nodelay true|false] [--out DIR]}. Prints the figures
 * and writes them as JSON and Markdown under the output folder; with several runs, also their median. Before each
 * run it waits (up to 5 minutes) for the machine's one-minute load average to fall to {@code --settle-load} (default
 * 1.5), so a run does not start in the wake of the previous one.
 *
 * <p>{@code --http-nodelay true|false} (default true): the simulators serve HTTP with the JDK's
 * {@code com.sun.net.httpserver}, which by default leaves Nagle's algorithm on; a response's body then waits for the
 * client's delayed ACK of its headers, about 40 ms on every request of a kept-alive connection. That is no PSA's
 * latency but the simulator's, and it dominated a run with one request per ticket, so the bench turns it off
 * ({@code sun.net.httpserver.nodelay}); {@code false} reproduces the conditions of figures measured before
 * 2026-12-03.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // As Horizon's main does: the bench's and the simulators' HTTP clients run in this JVM too.
        horizon.HorizonApplication.commonPoolOfAtLeastTwo();
        if (args.length > 0
                && List.of("webhook-ingest", "freshness", "api-efficiency", "writeback", "widget").contains(args[0])) {
            System.exit(callbacks(args[0], new ArrayList<>(List.of(args).subList(1, args.length))));
        }
        if (args.length > 0 && args[0].equals("tenants")) {
            System.exit(tenants(new ArrayList<>(List.of(args).subList(1, args.length))));
        }
        if (args.length == 0 || !args[0].equals("backfill")) {
            System.err.println("usage: backfill [--psa autotask|connectwise] [--tickets 100000] [--latency-ms 0] "
                    + "[--store h2|postgres] [--runs 1] [--settle-load 1.5] [--http-nodelay true] "
                    + "[--out horizon-bench/target/bench]");
            System.err.println("       webhook-ingest [--psa autotask|connectwise] [--store h2|postgres] [--tickets 2000] "
                    + "[--loads 1000,2500,5000,7500] [--seconds 10] [--max-in-flight 2000] [common options]");
            System.err.println("       freshness [--psa …] [--store …] [--tickets 2000] [--rate 100] [--seconds 30] "
                    + "[--polling-changes 20] [--polling-seconds 60] [--poll-ms 100] [--warmup-seconds 20] [common options]");
            System.err.println("       api-efficiency [--psa …] [--store …] [--tickets 2000] [--changes 1000] "
                    + "[--tickets-changed 200] [--rate 100] [common options]");
            System.err.println("       writeback [--psa …] [--store …] [--tickets 2000] [--rate 20] [--seconds 60] "
                    + "[--warmup-seconds 15] [common options]");
            System.err.println("       widget [--psa …] [--store …] [--tickets 2000] [--agents 50] [--seconds 60] "
                    + "[--think-ms 1000] [--rounds 20] [--warmup-seconds 15] [common options]");
            System.err.println("       tenants [--store h2|postgres] [--accounts 500] [--tickets 20] [--poll-seconds 60] "
                    + "[--idle-seconds 300] [--active-seconds 300] [--changes-per-minute 6] [--backfill-tickets 100000] "
                    + "[--backfill-seconds 600] [common options]");
            System.err.println("       common options: [--settle-load 1.5] [--http-nodelay true] [--out horizon-bench/target/bench]");
            System.exit(2);
        }
        BackfillBench.Plan plan = BackfillBench.Plan.defaults();
        Path out = Path.of("horizon-bench", "target", "bench");
        int runs = 1;
        double settleLoad = 1.5;
        boolean httpNoDelay = true;
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            String value = rest.get(i + 1);
            switch (rest.get(i)) {
                case "--psa" -> plan = plan.withPsa(BenchPsa.Product.parse(value));
                case "--tickets" -> plan = plan.withTickets(Integer.parseInt(value));
                case "--latency-ms" -> plan = plan.withLatencyMillis(Integer.parseInt(value));
                case "--store" -> plan = plan.withStore(BackfillBench.Store.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--out" -> out = Path.of(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--settle-load" -> settleLoad = Double.parseDouble(value);
                case "--http-nodelay" -> httpNoDelay = Boolean.parseBoolean(value);
                default -> {
                    System.err.println("unknown option " + rest.get(i));
                    System.exit(2);
                }
            }
        }
        // Read once, when the JDK's HTTP server is first used: before any simulator starts.
        System.setProperty("sun.net.httpserver.nodelay", String.valueOf(httpNoDelay));
        List<BackfillBench.Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            settle(settleLoad);
            BackfillBench.Result result = new BackfillBench(plan).run();
            results.add(result);
            BenchReport.write(out, result, runs > 1 ? run : 0);
            System.out.println(BenchReport.markdown(result));
        }
        if (runs > 1) {
            System.out.println(BenchReport.writeSummary(out, results));
        }
        System.exit(results.stream().allMatch(BackfillBench.Result::succeeded) ? 0 : 1);
    }

    /**
     * The benches on a running Horizon: {@code webhook-ingest}, {@code freshness}, {@code api-efficiency},
     * {@code writeback}, {@code widget}; see their classes.
     * Returns the exit code.
     */
    private static int callbacks(String command, List<String> rest) throws Exception {
        BenchPsa.Product psa = BenchPsa.Product.AUTOTASK;
        BackfillBench.Store store = BackfillBench.Store.H2;
        Path out = Path.of("horizon-bench", "target", "bench");
        double settleLoad = 1.5;
        boolean httpNoDelay = true;
        int tickets = 2_000;
        List<Integer> loads = List.of(1_000, 2_500, 5_000, 7_500);
        Integer seconds = null;
        int maxInFlight = 2_000;
        Double rate = null;
        int pollingChanges = 20;
        int pollingSeconds = 60;
        int pollMillis = 100;
        Integer warmupSeconds = null;
        int changes = 1_000;
        int ticketsChanged = 200;
        int agents = 50;
        int thinkMillis = 1_000;
        int rounds = 20;
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            String value = rest.get(i + 1);
            switch (rest.get(i)) {
                case "--psa" -> psa = BenchPsa.Product.parse(value);
                case "--store" -> store = BackfillBench.Store.valueOf(value.toUpperCase(Locale.ROOT));
                case "--out" -> out = Path.of(value);
                case "--settle-load" -> settleLoad = Double.parseDouble(value);
                case "--http-nodelay" -> httpNoDelay = Boolean.parseBoolean(value);
                case "--tickets" -> tickets = Integer.parseInt(value);
                case "--loads" -> loads = java.util.Arrays.stream(value.split(",")).map(String::strip)
                        .map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--polling-changes" -> pollingChanges = Integer.parseInt(value);
                case "--polling-seconds" -> pollingSeconds = Integer.parseInt(value);
                case "--poll-ms" -> pollMillis = Integer.parseInt(value);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                case "--changes" -> changes = Integer.parseInt(value);
                case "--tickets-changed" -> ticketsChanged = Integer.parseInt(value);
                case "--agents" -> agents = Integer.parseInt(value);
                case "--think-ms" -> thinkMillis = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                default -> {
                    System.err.println("unknown option " + rest.get(i));
                    return 2;
                }
            }
        }
        System.setProperty("sun.net.httpserver.nodelay", String.valueOf(httpNoDelay));
        settle(settleLoad);
        String markdown = switch (command) {
            case "webhook-ingest" -> new WebhookIngestBench(new WebhookIngestBench.Plan(psa, store, tickets, loads,
                    seconds == null ? 10 : seconds, maxInFlight)).run(out);
            case "freshness" -> new FreshnessBench(new FreshnessBench.Plan(psa, store, tickets,
                    rate == null ? 100 : rate, seconds == null ? 30 : seconds, pollingChanges, pollingSeconds,
                    pollMillis, warmupSeconds == null ? 20 : warmupSeconds)).run(out);
            case "writeback" -> new WritebackBench(new WritebackBench.Plan(psa, store, tickets,
                    rate == null ? 20 : rate, seconds == null ? 60 : seconds,
                    warmupSeconds == null ? 15 : warmupSeconds)).run(out);
            case "widget" -> new WidgetBench(new WidgetBench.Plan(psa, store, tickets, agents,
                    seconds == null ? 60 : seconds, thinkMillis, rounds,
                    warmupSeconds == null ? 15 : warmupSeconds)).run(out);
            default -> new ApiEfficiencyBench(new ApiEfficiencyBench.Plan(psa, store, tickets, changes,
                    ticketsChanged, rate == null ? 100 : rate)).run(out);
        };
        System.out.println();
        System.out.println(markdown);
        return 0;
    }

    /** The {@code tenants} bench (see {@link TenantsBench}); returns the exit code. */
    private static int tenants(List<String> rest) throws Exception {
        BackfillBench.Store store = BackfillBench.Store.H2;
        Path out = Path.of("horizon-bench", "target", "bench");
        double settleLoad = 1.5;
        boolean httpNoDelay = true;
        int accounts = 500;
        int tickets = 20;
        int pollSeconds = 60;
        int idleSeconds = 300;
        int activeSeconds = 300;
        double changesPerMinute = 6;
        int backfillTickets = 100_000;
        int backfillSeconds = 600;
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            String value = rest.get(i + 1);
            switch (rest.get(i)) {
                case "--store" -> store = BackfillBench.Store.valueOf(value.toUpperCase(Locale.ROOT));
                case "--out" -> out = Path.of(value);
                case "--settle-load" -> settleLoad = Double.parseDouble(value);
                case "--http-nodelay" -> httpNoDelay = Boolean.parseBoolean(value);
                case "--accounts" -> accounts = Integer.parseInt(value);
                case "--tickets" -> tickets = Integer.parseInt(value);
                case "--poll-seconds" -> pollSeconds = Integer.parseInt(value);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(value);
                case "--active-seconds" -> activeSeconds = Integer.parseInt(value);
                case "--changes-per-minute" -> changesPerMinute = Double.parseDouble(value);
                case "--backfill-tickets" -> backfillTickets = Integer.parseInt(value);
                case "--backfill-seconds" -> backfillSeconds = Integer.parseInt(value);
                default -> {
                    System.err.println("unknown option " + rest.get(i));
                    return 2;
                }
            }
        }
        System.setProperty("sun.net.httpserver.nodelay", String.valueOf(httpNoDelay));
        settle(settleLoad);
        String markdown = new TenantsBench(new TenantsBench.Plan(store, accounts, tickets, pollSeconds, idleSeconds,
                activeSeconds, changesPerMinute, backfillTickets, backfillSeconds)).run(out);
        System.out.println();
        System.out.println(markdown);
        return 0;
    }

    /** Waits until the one-minute load average is at most {@code load}, for at most 5 minutes. */
    private static void settle(double load) throws InterruptedException {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (os.getSystemLoadAverage() > load && System.nanoTime() < giveUp) {
            Thread.sleep(5_000);
        }
        System.out.printf(Locale.ROOT, "load average %.2f, starting a run%n", os.getSystemLoadAverage());
    }
}
