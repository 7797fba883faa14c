package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code api-efficiency}: what webhooks cost the PSA. The bench makes N ticket changes over M tickets in the simulator
 * (retitles, at a fixed rate); the simulator delivers them as its own signed webhooks; Horizon's processor reads what
 * they announce. The simulator's request counters before the first change and after the inbox is drained give
 * Horizon's requests. Beside it, in the same process, a naive fetch-per-event baseline: for every delivered event,
 * the ticket, its notes and its time entries read through the adapter's reader, one ticket at a time.
 */
final class ApiEfficiencyBench {

    /** What to run. */
    record Plan(BenchPsa.Product psa, BackfillBench.Store store, int tickets, int changes, int ticketsChanged,
                double rate) {
    }

    /**
     * What it measured.
     *
     * @param delivered         webhook calls the simulator delivered
     * @param acceptedRows      inbox rows the door accepted
     * @param horizonRequests   simulator requests from the first change until the inbox was drained
     * @param horizonByEndpoint the same by endpoint
     * @param drainedSeconds    first change → inbox drained
     * @param naiveEvents       events the baseline read (the first 1,000 delivered at most)
     * @param naiveRequests     the baseline's requests
     * @param naiveByEndpoint   the same by endpoint
     * @param naiveSeconds      how long the baseline took
     */
    record Result(int changes, int ticketsChanged, long delivered, long acceptedRows, long horizonRequests,
                  Map<String, Long> horizonByEndpoint, double drainedSeconds, List<String> syncRuns,
                  long syncRunRequests, long naiveEvents, long naiveRequests, Map<String, Long> naiveByEndpoint,
                  double naiveSeconds) {

        /** Horizon's requests less those of sync runs (polls) that ran meanwhile: what the webhooks cost. */
        long callbackRequests() {
            return horizonRequests - syncRunRequests;
        }

        double horizonPerThousand() {
            return delivered == 0 ? 0 : callbackRequests() * 1000.0 / delivered;
        }

        double naivePerThousand() {
            return naiveEvents == 0 ? 0 : naiveRequests * 1000.0 / naiveEvents;
        }
    }

    private final Plan plan;

    ApiEfficiencyBench(Plan plan) {
        this.plan = plan;
    }

    String run(Path out) throws Exception {
        try (BenchHorizon horizon = BenchHorizon.start(plan.psa(), plan.tickets(), plan.store(), Map.of())) {
            List<Long> all = horizon.ticketIds();
            List<Long> chosen = new ArrayList<>();
            int step = Math.max(1, all.size() / plan.ticketsChanged());
            for (int i = 0; chosen.size() < plan.ticketsChanged() && i < all.size(); i += step) {
                chosen.add(all.get(i));
            }
            Thread.sleep(3_000);
            horizon.awaitDrained(Duration.ofMinutes(1));
            // A sync run that started before the window (the first poll after the backfill compares every ticket's
            // children) would be counted as the webhooks' cost: start once none is running.
            horizon.awaitNoSyncRunning(Duration.ofMinutes(5));
            double loadBefore = BenchOutput.loadAverage();
            long runBefore = horizon.lastSyncRunId();
            Map<String, Long> before = horizon.psa.requestsByEndpoint();
            long deliveredBefore = horizon.psa.webhooksDelivered();
            long rowsBefore = horizon.acceptedRows();
            Instant first = Instant.now();
            List<Long> events = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < plan.changes(); i++) {
                OpenLoop.awaitTurn(start, i, plan.rate());
                long ticket = chosen.get(i % chosen.size());
                horizon.psa.retitleTicket(ticket, "Bench efficiency change " + i);
                events.add(ticket);
            }
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
            long delivered = 0;
            long rows = 0;
            while (Instant.now().isBefore(giveUp)) {
                delivered = horizon.psa.webhooksDelivered() - deliveredBefore;
                rows = horizon.acceptedRows() - rowsBefore;
                if (delivered >= plan.changes() && rows >= delivered && horizon.queuedRows() == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            double drained = Duration.between(first, Instant.now()).toMillis() / 1000.0;
            // a last look: a pass that finished its rows may still be writing what it read
            Thread.sleep(1_000);
            Map<String, Long> horizonByEndpoint = BenchOutput.minus(horizon.psa.requestsByEndpoint(), before);
            long horizonRequests = horizonByEndpoint.values().stream().mapToLong(Long::longValue).sum();
            List<String> syncRuns = horizon.syncRunsAfter(runBefore);
            long syncRunRequests = horizon.syncRunRequestsAfter(runBefore);

            HelpdeskConnections connections = horizon.context.getBean(HelpdeskConnections.class);
            HelpdeskCredentials credentials = connections.credentials(horizon.accountId).orElseThrow();
            HelpdeskReader reader = horizon.context.getBean(Helpdesks.class).reader(horizon.psa.kind());
            Map<String, Long> naiveBefore = horizon.psa.requestsByEndpoint();
            long naiveStart = System.nanoTime();
            // At most the first 1,000 events: the baseline costs the same per event, and a larger burst would spend
            // more than Horizon's share of an Autotask database's hourly requests.
            List<Long> naiveEvents = events.subList(0, (int) Math.min(Math.min(events.size(), delivered), 1_000));
            for (long ticket : naiveEvents) {
                readAll(reader, credentials, RecordQuery.byIds(HelpdeskEntity.TICKETS, List.of(ticket)));
                readAll(reader, credentials, RecordQuery.childrenOf(HelpdeskEntity.TICKET_NOTES, List.of(ticket)));
                readAll(reader, credentials, RecordQuery.childrenOf(HelpdeskEntity.TIME_ENTRIES, List.of(ticket)));
            }
            double naiveSeconds = (System.nanoTime() - naiveStart) / 1e9;
            Map<String, Long> naiveByEndpoint = BenchOutput.minus(horizon.psa.requestsByEndpoint(), naiveBefore);
            long naiveRequests = naiveByEndpoint.values().stream().mapToLong(Long::longValue).sum();

            Result result = new Result(plan.changes(), chosen.size(), delivered, rows, horizonRequests,
                    horizonByEndpoint, drained, syncRuns, syncRunRequests, naiveEvents.size(), naiveRequests,
                    naiveByEndpoint, naiveSeconds);
            String markdown = markdown(horizon, result, loadBefore);
            ObjectNode json = BenchOutput.header("api-efficiency", horizon);
            json.put("loadAverageBeforeChanges", loadBefore);
            json.put("tickets", plan.tickets());
            json.put("ratePerSecond", plan.rate());
            json.set("result", BenchOutput.JSON.valueToTree(result));
            json.put("horizonPerThousand", result.horizonPerThousand());
            json.put("naivePerThousand", result.naivePerThousand());
            BenchOutput.write(out, BenchOutput.fileName("api-efficiency", horizon), json, markdown);
            return markdown;
        }
    }

    private static void readAll(HelpdeskReader reader, HelpdeskCredentials credentials, RecordQuery query) {
        RecordQuery next = query;
        while (true) {
            RecordPage<?> page = reader.page(credentials, next);
            if (page.complete()) {
                return;
            }
            next = next.continuedAt(page.nextCursor());
        }
    }

    private String markdown(BenchHorizon horizon, Result r, double loadBefore) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "api-efficiency, %s, %s, %,d tickets; %,d changes over %d tickets at "
                        + "%.0f/s; load average %.2f when Horizon started, %.2f before the changes%n%n", horizon.psa,
                horizon.store, plan.tickets(), r.changes(), r.ticketsChanged(), plan.rate(),
                horizon.loadAverageBefore, loadBefore));
        md.append("| reader | events | PSA requests | per 1,000 changes | took | requests by endpoint |\n");
        md.append("|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| Horizon (webhooks → inbox → processor) | %,d delivered, %,d accepted "
                        + "| %,d | %.1f | %.1f s to drained | %s |%n", r.delivered(), r.acceptedRows(),
                r.callbackRequests(), r.horizonPerThousand(), r.drainedSeconds(), BenchOutput.nonZero(r.horizonByEndpoint())));
        md.append(String.format(Locale.ROOT, "| naive: ticket + notes + time entries per event | %,d | %,d | %.1f "
                        + "| %.1f s | %s |%n", r.naiveEvents(), r.naiveRequests(), r.naivePerThousand(), r.naiveSeconds(),
                BenchOutput.nonZero(r.naiveByEndpoint())));
        md.append(String.format(Locale.ROOT, "%nThe simulator answered %,d requests in the window; sync runs that ran "
                + "meanwhile (%s) report %,d of them, which are not counted as Horizon's cost of the webhooks above.%n",
                r.horizonRequests(), r.syncRuns().isEmpty() ? "none" : String.join(", ", r.syncRuns()),
                r.syncRunRequests()));
        md.append(String.format(Locale.ROOT, "%nTarget Horizon ≤ 20 per 1,000 changes: %s (%.1f); %.0f× fewer "
                        + "requests than the naive reader.%n",
                r.horizonPerThousand() <= 20 ? "met" : "**missed**", r.horizonPerThousand(),
                r.callbackRequests() == 0 ? Double.NaN : r.naivePerThousand() / r.horizonPerThousand()));
        if (r.delivered() < r.changes()) {
            md.append(String.format(Locale.ROOT, "%nOnly %,d of %,d changes were delivered as webhooks within "
                    + "3 minutes.%n", r.delivered(), r.changes()));
        }
        return md.toString();
    }
}
