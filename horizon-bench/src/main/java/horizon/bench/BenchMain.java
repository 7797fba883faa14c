package horizon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line of the bench: {@code backfill [--tickets N] [--latency-ms N] [--store h2|postgres] [--out DIR]}.
 * Prints the figures and writes them as JSON and Markdown under the output folder.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("backfill")) {
            System.err.println("usage: backfill [--tickets 100000] [--latency-ms 0] [--store h2|postgres] "
                    + "[--out horizon-bench/target/bench]");
            System.exit(2);
        }
        BackfillBench.Plan plan = BackfillBench.Plan.defaults();
        Path out = Path.of("horizon-bench", "target", "bench");
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            String value = rest.get(i + 1);
            switch (rest.get(i)) {
                case "--tickets" -> plan = plan.withTickets(Integer.parseInt(value));
                case "--latency-ms" -> plan = plan.withLatencyMillis(Integer.parseInt(value));
                case "--store" -> plan = plan.withStore(BackfillBench.Store.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--out" -> out = Path.of(value);
                default -> {
                    System.err.println("unknown option " + rest.get(i));
                    System.exit(2);
                }
            }
        }
        BackfillBench.Result result = new BackfillBench(plan).run();
        BenchReport.write(out, result);
        System.out.println(BenchReport.markdown(result));
        System.exit(result.succeeded() ? 0 : 1);
    }
}
