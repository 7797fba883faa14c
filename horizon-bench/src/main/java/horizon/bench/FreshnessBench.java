package horizon.bench;

import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code freshness}: how long a change in the PSA takes to show in Horizon's REST API. The bench retitles tickets in
 * the simulator through its control API with a unique marker, timestamps each change, and a watcher lists
 * {@code GET /api/v1/tickets?updatedSince=} (bearer token; since the oldest unseen change less 5 s, every page) every
 * {@code --poll-ms} until each marker shows: one listing per cycle, so watching costs the same whatever the backlog. First through webhooks (the simulator
 * delivers its own signed calls), then with webhooks dead (the simulator drops every delivery) and the account's
 * polling interval at 30 s, through polling alone.
 */
final class FreshnessBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What to run. */
    record Plan(BenchPsa.Product psa, BackfillBench.Store store, int tickets, double rate, int seconds,
                int pollingChanges, int pollingSeconds, int pollMillis, int warmupSeconds) {
    }

    /**
     * One phase.
     *
     * @param path      "webhooks" or "polling"
     * @param changes   changes made
     * @param visible   changes seen in the API before giving up
     * @param p50Millis change → first answer showing the marker, median
     * @param seconds   how long changes were made for
     */
    record Phase(String path, int changes, int visible, double ratePerSecond, int seconds, double p50Millis,
                 double p95Millis, double p99Millis, double maxMillis, long apiPolls, long webhooksDelivered) {
    }

    private record Change(long ticketId, String marker, long at) {
    }

    private final Plan plan;

    FreshnessBench(Plan plan) {
        this.plan = plan;
    }

    String run(Path out) throws Exception {
        try (BenchHorizon horizon = BenchHorizon.start(plan.psa(), plan.tickets(), plan.store(),
                Map.of("horizon.sync.dispatch-interval", "1s"))) {
            String token = horizon.apiToken();
            List<Long> ids = horizon.ticketIds();
            ExecutorService answers = Executors.newFixedThreadPool(4);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(answers).build();
            try {
                if (plan.warmupSeconds() > 0) {
                    // A cold JVM compiles for the first tens of seconds, on the cores the figures need: the same
                    // traffic first, unreported, until the inbox is drained.
                    Phase warmup = phase(horizon, client, token, ids, "warm-up", plan.rate(), plan.warmupSeconds(),
                            Duration.ofSeconds(30));
                    System.out.println("warm-up (not reported): " + row(warmup).strip());
                    horizon.awaitDrained(Duration.ofMinutes(2));
                }
                double loadBefore = BenchOutput.loadAverage();
                Phase webhooks = phase(horizon, client, token, ids, "webhooks", plan.rate(), plan.seconds(),
                        Duration.ofSeconds(30));
                System.out.println(row(webhooks));
                horizon.psa.setWebhookDropRate(1.0);
                HelpdeskConnections connections = horizon.context.getBean(HelpdeskConnections.class);
                SyncSettings s = BenchHorizon.SETTINGS;
                connections.saveSettings(horizon.accountId, new SyncSettings(s.tickets(), s.companies(), s.contacts(),
                        s.helpdeskUsers(), s.notes(), s.timeEntries(), s.ingestWindowDays(), 30));
                Thread.sleep(5_000);
                Phase polling = phase(horizon, client, token, ids.subList(ids.size() / 2, ids.size()), "polling",
                        plan.pollingChanges() / (double) plan.pollingSeconds(), plan.pollingSeconds(),
                        Duration.ofSeconds(120));
                System.out.println(row(polling));
                String markdown = markdown(horizon, webhooks, polling, loadBefore);
                ObjectNode json = BenchOutput.header("freshness", horizon);
                json.put("loadAverageBeforePhases", loadBefore);
                json.put("tickets", plan.tickets());
                json.put("pollMillis", plan.pollMillis());
                json.set("webhooks", BenchOutput.JSON.valueToTree(webhooks));
                json.set("polling", BenchOutput.JSON.valueToTree(polling));
                json.put("pollingIntervalSeconds", 30);
                BenchOutput.write(out, BenchOutput.fileName("freshness", horizon), json, markdown);
                return markdown;
            } finally {
                answers.shutdownNow();
            }
        }
    }

    /**
     * Makes changes at {@code rate} for {@code seconds}, each on a ticket with no change still unseen, and watches them
     * until seen or {@code giveUp} after the change.
     */
    private Phase phase(BenchHorizon horizon, HttpClient client, String token, List<Long> ids, String path,
                        double rate, int seconds, Duration giveUp) throws InterruptedException {
        long deliveredBefore = horizon.psa.webhooksDelivered();
        Map<Long, Change> pending = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean making = new AtomicBoolean(true);
        long[] polls = new long[1];
        Thread watcher = new Thread(() -> {
            // One listing per cycle, whatever the number of changes still unseen: the watcher's load on Horizon must
            // not grow with a backlog it is measuring.
            while (making.get() || !pending.isEmpty()) {
                long now = System.nanoTime();
                pending.values().removeIf(change -> now - change.at() > giveUp.toNanos());
                long oldest = pending.values().stream().mapToLong(Change::at).min().orElse(now);
                Instant since = Instant.now().minusNanos(now - oldest).minusSeconds(5);
                String next = "/api/v1/tickets?limit=500&updatedSince=" + since;
                while (next != null) {
                    polls[0]++;
                    HttpRequest get = HttpRequest.newBuilder(URI.create(horizon.baseUrl + next))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
                    HttpResponse<String> response;
                    try {
                        response = client.send(get, HttpResponse.BodyHandlers.ofString());
                    } catch (java.io.IOException | InterruptedException e) {
                        break;
                    }
                    long seen = System.nanoTime();
                    if (response.statusCode() != 200) {
                        break;
                    }
                    JsonNode page = JSON.readTree(response.body());
                    for (JsonNode item : page.path("items")) {
                        Change change = pending.get(item.path("id").asLong());
                        if (change != null && item.path("title").asString("").contains(change.marker())
                                && pending.remove(change.ticketId(), change)) {
                            latencies.add(seen - change.at());
                        }
                    }
                    next = page.path("next").isNull() || page.path("next").isMissingNode() ? null
                            : page.path("next").asString();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(plan.pollMillis()));
            }
        }, "freshness-watcher");
        watcher.start();
        int total = (int) Math.round(rate * seconds);
        long start = System.nanoTime();
        int next = 0;
        int made = 0;
        for (int i = 0; i < total; i++) {
            OpenLoop.awaitTurn(start, i, rate);
            long ticket = ids.get(next++ % ids.size());
            while (pending.containsKey(ticket)) {
                ticket = ids.get(next++ % ids.size());
            }
            String marker = "hzb-" + path + "-" + i + "-" + Long.toString(System.nanoTime(), 36);
            Change change = new Change(ticket, marker, System.nanoTime());
            pending.put(ticket, change);
            horizon.psa.retitleTicket(ticket, "Bench change " + marker);
            made++;
        }
        making.set(false);
        watcher.join(giveUp.toMillis() + 10_000);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Phase(path, made, sorted.length, rate, seconds, percentile(sorted, 0.5), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                polls[0], horizon.psa.webhooksDelivered() - deliveredBefore);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String row(Phase p) {
        return String.format(Locale.ROOT, "| %s | %d in %d s (%.2f/s) | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms "
                        + "| %,d | %,d |%n", p.path(), p.changes(), p.seconds(), p.ratePerSecond(), p.visible(),
                p.p50Millis(), p.p95Millis(), p.p99Millis(), p.maxMillis(), p.apiPolls(), p.webhooksDelivered());
    }

    private String markdown(BenchHorizon horizon, Phase webhooks, Phase polling, double loadBefore) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "freshness, %s, %s, %,d tickets; watchers poll every %d ms; load "
                        + "average %.2f when Horizon started, %.2f before the first phase%n%n", horizon.psa,
                horizon.store, plan.tickets(), plan.pollMillis(), horizon.loadAverageBefore, loadBefore));
        md.append("| path | changes | visible | p50 | p95 | p99 | max | API polls | webhooks delivered |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        md.append(row(webhooks)).append(row(polling)).append('\n');
        boolean hooksMet = webhooks.visible() == webhooks.changes() && webhooks.p50Millis() <= 500
                && webhooks.p99Millis() <= 2000;
        boolean pollMet = polling.visible() == polling.changes() && polling.maxMillis() <= 35_000;
        md.append(String.format(Locale.ROOT, "- Webhooks: p50 %.0f ms %s 500 ms, p99 %.0f ms %s 2,000 ms, %d of %d "
                        + "visible: %s%n", webhooks.p50Millis(), webhooks.p50Millis() <= 500 ? "≤" : ">",
                webhooks.p99Millis(), webhooks.p99Millis() <= 2000 ? "≤" : ">", webhooks.visible(), webhooks.changes(),
                hooksMet ? "targets met" : "**target missed**"));
        md.append(String.format(Locale.ROOT, "- Polling (webhooks dropped, polling interval 30 s): max %.1f s %s 35 s, "
                        + "%d of %d visible: %s%n", polling.maxMillis() / 1000, polling.maxMillis() <= 35_000 ? "≤" : ">",
                polling.visible(), polling.changes(), pollMet ? "target met" : "**target missed**"));
        return md.toString();
    }
}
