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
        if (args.length == 0 || !args[0].equals("backfill")) {
            System.err.println("usage: backfill [--psa autotask|connectwise] [--tickets 100000] [--latency-ms 0] "
                    + "[--store h2|postgres] [--runs 1] [--settle-load 1.5] [--http-nodelay true] "
                    + "[--out horizon-bench/target/bench]");
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
