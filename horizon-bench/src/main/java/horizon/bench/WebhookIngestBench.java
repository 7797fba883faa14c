package horizon.bench;

import benchnoop.NoopHookController;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.Lifecycle;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code webhook-ingest}: how many webhook calls a second Horizon's door takes. Horizon runs in-process with an account
 * connected to the simulator (backfill done, webhooks registered); the bench then plays the PSA, open-loop, at fixed
 * offered loads: signed ticket-update calls to the registered ticket webhook, ids spread over the mirrored tickets.
 * Each load is also offered to a no-op endpoint in the same server ({@link NoopHookController}, same bodies and
 * headers): the ratio is what the door costs over reading a request. None lost: the account's accepted inbox rows
 * grow by exactly the 2xx count. The processor runs as usual and reads the PSA for what the calls announce (each call
 * announces a change at the time the call pool was built, later than the mirror's version); the simulator requests
 * it made during a step (until the inbox is drained) are reported.
 */
final class WebhookIngestBench {

    /** What to run. */
    record Plan(BenchPsa.Product psa, BackfillBench.Store store, int tickets, List<Integer> loads, int seconds,
                int maxInFlight) {
    }

    /**
     * One offered load: the door and the no-op.
     *
     * @param horizon            the door's figures
     * @param noop               the no-op's figures
     * @param acceptedRows       the account's accepted inbox rows added during the step
     * @param simulatorRequests  requests the simulator answered from the step's start until the inbox was drained
     * @param drainSeconds       last answer → no QUEUED row of the account (null: not within 3 minutes)
     */
    record Load(OpenLoop.Outcome horizon, OpenLoop.Outcome noop, long acceptedRows, long simulatorRequests,
                Double drainSeconds) {

        boolean noneLost() {
            return acceptedRows == horizon.ok();
        }

        double ratio() {
            return noop.acceptedPerSecond() == 0 ? 0 : horizon.acceptedPerSecond() / noop.acceptedPerSecond();
        }

        boolean targetsMet() {
            return horizon.acceptedPerSecond() >= 0.9 * noop.acceptedPerSecond() && horizon.p99Millis() <= 50
                    && noneLost() && horizon.notOk() == 0;
        }
    }

    private final Plan plan;

    WebhookIngestBench(Plan plan) {
        this.plan = plan;
    }

    String run(Path out) throws Exception {
        Map<String, String> properties = Map.of(
                "horizon.callbacks.ingress-per-second", "1000000",
                "horizon.callbacks.ingress-burst", "1000000");
        try (BenchHorizon horizon = BenchHorizon.start(plan.psa(), plan.tickets(), plan.store(), properties,
                NoopHookController.class)) {
            List<Long> ids = new ArrayList<>(horizon.ticketIds());
            Collections.shuffle(ids, new Random(42));
            BenchPsa.HookPlayer player = horizon.psa.hookPlayer();
            Instant announced = Instant.now();
            List<HttpRequest> toHorizon = new ArrayList<>();
            List<HttpRequest> toNoop = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                BenchPsa.SignedCall call = player.ticketUpdated(ids.get(i), i + 1, announced);
                toHorizon.add(request(call));
                toNoop.add(request(call.to("noop")));
            }
            ExecutorService answers = Executors.newFixedThreadPool(4);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(answers)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                // Warm-up, not reported: the JIT, the connection pool, the door's caches (ConnectWise: the key fetch).
                // A cold JVM keeps compiling for tens of seconds on the same two cores: five rounds of each.
                for (int round = 0; round < 5; round++) {
                    OpenLoop.run(client, "warm-up no-op", 800, 3, toNoop, plan.maxInFlight());
                    OpenLoop.run(client, "warm-up door", 800, 3, toHorizon, plan.maxInFlight());
                }
                horizon.awaitDrained(Duration.ofMinutes(3));
                double loadBefore = BenchOutput.loadAverage();
                List<Load> loads = new ArrayList<>();
                for (int rate : plan.loads()) {
                    Thread.sleep(2_000);
                    OpenLoop.Outcome noop = OpenLoop.run(client, "no-op", rate, plan.seconds(), toNoop,
                            plan.maxInFlight());
                    Thread.sleep(2_000);
                    long rowsBefore = horizon.acceptedRows();
                    long requestsBefore = horizon.psa.requests();
                    // The door alone: the processor (and the simulator serving its reads, in this JVM) waits until
                    // the load has passed, then drains what was accepted.
                    Lifecycle processor = horizon.context.getBean("inboxProcessor", Lifecycle.class);
                    processor.stop();
                    OpenLoop.Outcome door;
                    try {
                        door = OpenLoop.run(client, "Horizon", rate, plan.seconds(), toHorizon, plan.maxInFlight());
                    } finally {
                        processor.start();
                    }
                    long rows = horizon.acceptedRows() - rowsBefore;
                    Duration drained = horizon.awaitDrained(Duration.ofMinutes(3));
                    long requests = horizon.psa.requests() - requestsBefore;
                    Load load = new Load(door, noop, rows, requests,
                            drained == null ? null : drained.toMillis() / 1000.0);
                    loads.add(load);
                    System.out.println(row(load));
                }
                String markdown = markdown(horizon, loads, loadBefore);
                ObjectNode json = BenchOutput.header("webhook-ingest", horizon);
                json.put("loadAverageBeforeLoads", loadBefore);
                json.put("tickets", plan.tickets());
                json.put("secondsPerLoad", plan.seconds());
                json.put("maxInFlight", plan.maxInFlight());
                ArrayNode list = json.putArray("loads");
                for (Load load : loads) {
                    ObjectNode node = BenchOutput.JSON.valueToTree(load);
                    node.put("noneLost", load.noneLost());
                    node.put("ratioToNoop", load.ratio());
                    node.put("targetsMet", load.targetsMet());
                    list.add(node);
                }
                BenchOutput.write(out, BenchOutput.fileName("webhook-ingest", horizon), json, markdown);
                return markdown;
            } finally {
                answers.shutdownNow();
            }
        }
    }

    private static HttpRequest request(BenchPsa.SignedCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(builder::header);
        return builder.build();
    }

    private static final String HEAD = "| offered/s | endpoint | sent | 2xx | non-2xx | accepted/s | p50 | p99 | max "
            + "| peak in flight | inbox rows = 2xx | door ÷ no-op | PSA requests (processor) | drained after |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

    private static String row(Load load) {
        return line(load.noop(), "–", "–", "–", "–") + line(load.horizon(),
                String.format(Locale.ROOT, "%,d %s", load.acceptedRows(), load.noneLost() ? "yes" : "**NO**"),
                String.format(Locale.ROOT, "%.2f×", load.ratio()), String.format(Locale.ROOT, "%,d",
                        load.simulatorRequests()),
                load.drainSeconds() == null ? "not in 3 min" : String.format(Locale.ROOT, "%.1f s",
                        load.drainSeconds()));
    }

    private static String line(OpenLoop.Outcome o, String rows, String ratio, String requests, String drained) {
        String notOk = o.notOk() == 0 ? "0" : o.notOk() + " " + o.statuses();
        return String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %s | %,.0f | %.1f ms | %.1f ms | %.0f ms | %d | %s | %s "
                        + "| %s | %s |%n", o.offeredPerSecond(), o.target(), o.sent(), o.ok(), notOk,
                o.acceptedPerSecond(), o.p50Millis(), o.p99Millis(), o.maxMillis(), o.peakInFlight(), rows, ratio,
                requests, drained);
    }

    private String markdown(BenchHorizon horizon, List<Load> loads, double loadBefore) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "webhook-ingest, %s, %s, %,d tickets, %d s per load, at most %,d in "
                        + "flight; load average %.2f when Horizon started, %.2f before the first load%n%n",
                horizon.psa, horizon.store, plan.tickets(), plan.seconds(), plan.maxInFlight(),
                horizon.loadAverageBefore, loadBefore));
        md.append(HEAD);
        loads.forEach(load -> md.append(row(load)));
        md.append('\n');
        for (Load load : loads) {
            OpenLoop.Outcome h = load.horizon();
            md.append(String.format(Locale.ROOT, "- %,d/s offered: %s (accepted %,.0f/s; %.2f× the no-op %s 0.9; "
                            + "p99 %.1f ms %s 50 ms; lost %d); sender lag at most %.0f ms%n",
                    h.offeredPerSecond(), load.targetsMet() ? "per-load targets met" : "**per-load target missed**",
                    h.acceptedPerSecond(), load.ratio(),
                    load.ratio() >= 0.9 ? "≥" : "<", h.p99Millis(), h.p99Millis() <= 50 ? "≤" : ">",
                    Math.max(0, h.ok() - load.acceptedRows()), h.maxSendLagMillis()));
        }
        double best = loads.stream().mapToDouble(l -> l.horizon().acceptedPerSecond()).max().orElse(0);
        md.append(String.format(Locale.ROOT, "%nMost accepted per second: %,.0f (target ≥ 5,000: %s).%n", best,
                best >= 5000 ? "met" : "**missed**"));
        return md.toString();
    }
}
