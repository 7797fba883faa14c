package horizon.bench;

import horizon.account.Accounts;
import horizon.account.ApiTokens;
import horizon.account.HorizonUser;
import horizon.account.Role;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.simulator.core.http.RequestLog;
import horizon.writeback.ActionChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code writeback}: how long an agent's action takes to be visible in the PSA. An agent (a Horizon user mapped to a
 * helpdesk user) sends a mix of the four actions over real HTTP with its API token, open-loop at {@code --rate}, each
 * on a ticket with no action of the bench still unseen; a watcher looks at the simulator's store every 5 ms (in
 * process, by id: no scan) and times each action from its scheduled send to the first look that finds the record
 * (notes, time entries: by the unique marker in their text) or the field (status, assignee) in the PSA. The outbox's
 * own state is not consulted.
 */
final class WritebackBench {

    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final Pattern MARKER = Pattern.compile("hzb-[a-z]+-\\d+-[0-9a-z]+");

    /** What to run. */
    record Plan(BenchPsa.Product psa, BackfillBench.Store store, int tickets, double rate, int seconds,
                int warmupSeconds) {
    }

    /** The agent's actions and their share of the mix, in twentieths. */
    enum Kind {
        NOTE("note", "notes", 12), TIME_ENTRY("time entry", "time entries", 3),
        STATUS("status change", "status changes", 3), ASSIGN("assignment", "assignments", 2);

        final String label;
        final String plural;
        final int twentieths;

        Kind(String label, String plural, int twentieths) {
            this.label = label;
            this.plural = plural;
            this.twentieths = twentieths;
        }

        /**
         * The kind of action {@code i}: slot {@code 7i mod 20} (7 is prime to 20, so every 20 actions take each slot
         * once, spread out), notes on the first 12 slots, then time entries, status changes, assignments.
         */
        static Kind of(int i) {
            int slot = (i * 7) % 20;
            int upTo = 0;
            for (Kind kind : values()) {
                upTo += kind.twentieths;
                if (slot < upTo) {
                    return kind;
                }
            }
            throw new IllegalStateException();
        }

        boolean creates() {
            return this == NOTE || this == TIME_ENTRY;
        }
    }

    /**
     * Action → visible in the PSA, of one kind or of all.
     *
     * @param sent     requests sent
     * @param accepted answered 202 (queued)
     * @param landed   accepted and seen in the PSA
     * @param lost     accepted and not seen within 60 s of the last send
     */
    record Figures(String kind, int sent, int accepted, int landed, int lost, double p50Millis, double p95Millis,
                   double p99Millis, double maxMillis) {
    }

    /**
     * One phase.
     *
     * @param answers           HTTP statuses of the action requests (-1: no answer)
     * @param answerP50Millis   scheduled send → Horizon's answer, median
     * @param duplicates        notes and time entries of the phase stored more than once (extra copies), in the PSA
     *                          after the phase
     * @param missingAtEnd      markers of landed creates the PSA no longer holds after the phase
     * @param writeRequests     write requests the PSA committed in the phase's window, by endpoint
     * @param failedRequests    requests the PSA answered with an error (or not at all) in the window
     * @param requests          every request the PSA answered in the window, by endpoint (reads for webhooks too)
     * @param refusals          the first answers that were not 202
     */
    record Phase(String name, double ratePerSecond, int seconds, List<Figures> byKind, Figures all,
                 Map<Integer, Long> answers, double answerP50Millis, double answerP99Millis, long duplicates,
                 long missingAtEnd, Map<String, Long> writeRequests, long failedRequests, Map<String, Long> requests,
                 double maxSendLagMillis, double loadAverageBefore, double loadAverageAfter, List<String> refusals) {

        long writes() {
            return writeRequests.values().stream().mapToLong(Long::longValue).sum();
        }

        long allRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One action sent: what it asks, and when it was answered and seen (nanoTime, 0 until then). */
    private static final class Sent {
        final Kind kind;
        final long ticketId;
        final String marker;
        final String expected;
        final long intended;
        volatile int status;
        volatile long answeredAt;
        volatile long visibleAt;

        Sent(Kind kind, long ticketId, String marker, String expected, long intended) {
            this.kind = kind;
            this.ticketId = ticketId;
            this.marker = marker;
            this.expected = expected;
            this.intended = intended;
        }
    }

    /** A ticket the bench acts on: its open statuses, and its status and assignee as the bench last set them. */
    private static final class Target {
        final long id;
        final List<String> openStatuses;
        String status;
        Long assignee;

        Target(long id, List<String> openStatuses, String status, Long assignee) {
            this.id = id;
            this.openStatuses = openStatuses;
            this.status = status;
            this.assignee = assignee;
        }
    }

    private final Plan plan;

    WritebackBench(Plan plan) {
        this.plan = plan;
    }

    String run(Path out) throws Exception {
        try (BenchHorizon horizon = BenchHorizon.start(plan.psa(), plan.tickets(), plan.store(), Map.of())) {
            MirrorQueries mirror = horizon.context.getBean(MirrorQueries.class);
            List<HelpdeskUser> people = mirror.helpdeskUsers(horizon.accountId, true).stream()
                    // Autotask takes an assignee or a time entry with a role, so only resources that hold one.
                    .filter(u -> horizon.psa.kind() != HelpdeskKind.AUTOTASK || !u.roles().isEmpty())
                    .limit(4).toList();
            if (people.size() < 2) {
                throw new IllegalStateException("the simulator has fewer than 2 helpdesk users to assign: " + people);
            }
            String token = agentToken(horizon, people.get(0));
            List<Long> assignees = people.stream().map(HelpdeskUser::externalId).toList();
            List<Target> targets = targets(horizon, mirror, 300);
            BenchPsa.CreatedWatch watch = horizon.psa.watchCreated();
            ExecutorService answers = Executors.newFixedThreadPool(4);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(answers).build();
            try {
                if (plan.warmupSeconds() > 0) {
                    // A cold JVM compiles for the first tens of seconds, on the cores the figures need: the same
                    // traffic first, unreported, until it has all landed.
                    Phase warmup = phase(horizon, client, token, watch, targets, assignees, "warmup",
                            plan.warmupSeconds());
                    System.out.println("warm-up (not reported): " + row(warmup.all()).strip());
                    Thread.sleep(2_000);
                }
                Phase measured = phase(horizon, client, token, watch, targets, assignees, "measured", plan.seconds());
                String markdown = markdown(horizon, measured, targets.size(), assignees.size());
                ObjectNode json = BenchOutput.header("writeback", horizon);
                json.put("tickets", plan.tickets());
                json.put("ticketsActedOn", targets.size());
                json.put("assignees", assignees.size());
                json.put("mix", mix());
                json.put("watchMillis", WATCH_NANOS / 1e6);
                json.set("result", BenchOutput.JSON.valueToTree(measured));
                json.put("writesPerAction", perAction(measured.writes(), measured.all()));
                json.put("requestsPerAction", perAction(measured.allRequests(), measured.all()));
                BenchOutput.write(out, BenchOutput.fileName("writeback", horizon), json, markdown);
                return markdown;
            } finally {
                answers.shutdownNow();
            }
        }
    }

    /**
     * A Horizon agent of the account mapped to {@code helpdeskUser}, as an admin maps one on the Helpdesk User
     * Mapping page, and a personal API token of it.
     */
    private static String agentToken(BenchHorizon horizon, HelpdeskUser helpdeskUser) {
        long stamp = System.nanoTime();
        HorizonUser agent = horizon.context.getBean(Accounts.class).addUser(horizon.accountId,
                "agent-" + stamp + "@bench.horizon.local", "Bench Agent", "bench-agent-password-" + stamp, Role.AGENT);
        horizon.context.getBean(MappingHelpdeskUsers.class).bind(horizon.accountId, helpdeskUser.externalId(),
                agent.id(), horizon.admin.id());
        return horizon.context.getBean(ApiTokens.class).issue(horizon.accountId, agent.id(), "writeback bench "
                + stamp).plaintext();
    }

    /**
     * Up to {@code count} open tickets, spread over the MSP, with at least two statuses that do not complete them
     * (so a status change never closes a ticket that later actions need open), as the PSA holds them now.
     */
    private static List<Target> targets(BenchHorizon horizon, MirrorQueries mirror, int count) {
        ActionChecks checks = horizon.context.getBean(ActionChecks.class);
        List<HelpdeskTicket> open = mirror.loadAll(horizon.accountId, MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null).toList();
        int step = Math.max(1, open.size() / count);
        Map<String, Boolean> completes = new ConcurrentHashMap<>();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < open.size() && targets.size() < count; i += step) {
            HelpdeskTicket ticket = open.get(i);
            List<String> statuses = checks.statuses(horizon.accountId, horizon.psa.kind(), ticket).stream()
                    .map(PicklistValue::value)
                    .filter(v -> !completes.computeIfAbsent(v, horizon.psa::completes)).toList();
            Optional<BenchPsa.TicketFields> now = horizon.psa.ticketFields(ticket.externalId());
            if (statuses.size() >= 2 && now.isPresent() && statuses.contains(now.get().status())) {
                targets.add(new Target(ticket.externalId(), statuses, now.get().status(), now.get().assigneeId()));
            }
        }
        if (targets.size() < 20) {
            throw new IllegalStateException("only " + targets.size() + " open tickets with two open statuses");
        }
        return targets;
    }

    /** Sends actions at the plan's rate for {@code seconds}, and watches the PSA until each is seen or gives up. */
    private Phase phase(BenchHorizon horizon, HttpClient client, String token, BenchPsa.CreatedWatch watch,
                        List<Target> targets, List<Long> assignees, String name, int seconds)
            throws InterruptedException {
        double loadBefore = BenchOutput.loadAverage();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        Map<String, Sent> unseenCreates = new ConcurrentHashMap<>();
        Map<Long, Sent> unseenFields = new ConcurrentHashMap<>();
        Set<Long> busy = ConcurrentHashMap.newKeySet();
        Map<String, Integer> stored = new ConcurrentHashMap<>();
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        RequestLog log = horizon.psa.requestLog();
        Map<String, Long> requestsBefore = horizon.psa.requestsByEndpoint();
        Map<String, Long> writes = new TreeMap<>();
        long[] failed = new long[1];
        long[] logCursor = {log.lastSequence()};
        long[] lastSend = {System.nanoTime()};

        Thread watcher = new Thread(() -> {
            int cycle = 0;
            while (true) {
                long now = System.nanoTime();
                for (BenchPsa.Written written : watch.poll()) {
                    Matcher marker = MARKER.matcher(written.text());
                    while (marker.find()) {
                        stored.merge(marker.group(), 1, Integer::sum);
                        Sent action = unseenCreates.remove(marker.group());
                        if (action != null) {
                            seen(action, now, busy);
                        }
                    }
                }
                for (Sent action : unseenFields.values()) {
                    Optional<BenchPsa.TicketFields> fields = horizon.psa.ticketFields(action.ticketId);
                    boolean there = fields.isPresent() && (action.kind == Kind.STATUS
                            ? action.expected.equals(fields.get().status())
                            : action.expected.equals(String.valueOf(fields.get().assigneeId())));
                    if (there && unseenFields.remove(action.ticketId, action)) {
                        seen(action, now, busy);
                    }
                }
                if (++cycle % 20 == 0) {
                    logCursor[0] = drain(log, logCursor[0], writes, failed);
                }
                boolean done = !sending.get() && unseenCreates.isEmpty() && unseenFields.isEmpty()
                        && sent.stream().allMatch(a -> a.answeredAt != 0);
                if (done || (!sending.get() && System.nanoTime() - lastSend[0] > GIVE_UP.toNanos())) {
                    return;
                }
                LockSupport.parkNanos(WATCH_NANOS);
            }
        }, "writeback-watcher");
        watcher.setDaemon(true);
        watcher.start();

        int total = (int) Math.round(plan.rate() * seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long maxLag = 0;
        int[] cursor = {0};
        for (int i = 0; i < total; i++) {
            long intended = OpenLoop.awaitTurn(start, i, plan.rate());
            maxLag = Math.max(maxLag, System.nanoTime() - intended);
            Kind kind = Kind.of(i);
            Target target = pick(targets, cursor, busy, unseenFields, kind.creates());
            String marker = "hzb-" + name + "-" + i + "-" + run;
            String expected;
            String path;
            String body;
            switch (kind) {
                case NOTE -> {
                    expected = marker;
                    path = "/notes";
                    body = "{\"text\":\"Bench note " + marker + ": checked the event log, restarted the service."
                            + "\",\"visibility\":\"" + (i % 2 == 0 ? "INTERNAL" : "PUBLIC") + "\"}";
                }
                case TIME_ENTRY -> {
                    expected = marker;
                    path = "/time-entries";
                    body = "{\"durationMinutes\":15,\"summary\":\"Bench time " + marker + "\"}";
                }
                case STATUS -> {
                    expected = other(target.openStatuses, target.status);
                    target.status = expected;
                    path = "/status";
                    body = "{\"status\":\"" + expected + "\"}";
                }
                default -> {
                    long assignee = Long.parseLong(other(assignees.stream().map(String::valueOf).toList(),
                            String.valueOf(target.assignee)));
                    expected = String.valueOf(assignee);
                    target.assignee = assignee;
                    path = "/assign";
                    // confirm: a ticket completed in the PSA meanwhile is assigned anyway, as an agent would answer
                    body = "{\"resourceId\":" + assignee + ",\"confirm\":true}";
                }
            }
            Sent action = new Sent(kind, target.id, marker, expected, intended);
            sent.add(action);
            busy.add(target.id);
            if (kind.creates()) {
                unseenCreates.put(marker, action);
            } else {
                unseenFields.put(target.id, action);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(horizon.baseUrl + "/api/v1/tickets/" + target.id
                            + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                action.status = error == null ? response.statusCode() : -1;
                action.answeredAt = System.nanoTime();
                if (action.status != 202) {
                    // Not queued (refused, or 200 UNCHANGED: nothing to send): not waited for.
                    if (refusals.size() < 10) {
                        refusals.add(action.kind.label + " on " + action.ticketId + ": " + action.status + " "
                                + (error == null ? response.body() : error.toString()));
                    }
                    unseenCreates.remove(action.marker, action);
                    unseenFields.remove(action.ticketId, action);
                    busy.remove(action.ticketId);
                }
            });
        }
        lastSend[0] = System.nanoTime();
        sending.set(false);
        watcher.join(GIVE_UP.toMillis() + 30_000);
        // The last read-backs and the reads of the webhooks the writes set off.
        Thread.sleep(1_000);
        logCursor[0] = drain(log, logCursor[0], writes, failed);
        Map<String, Long> requests = BenchOutput.minus(horizon.psa.requestsByEndpoint(), requestsBefore);

        List<Sent> all = List.copyOf(sent);
        Set<Long> tickets = new HashSet<>();
        all.forEach(a -> tickets.add(a.ticketId));
        Map<String, Integer> atEnd = new ConcurrentHashMap<>();
        for (BenchPsa.Written written : horizon.psa.writtenOn(tickets)) {
            Matcher marker = MARKER.matcher(written.text());
            while (marker.find()) {
                atEnd.merge(marker.group(), 1, Integer::sum);
            }
        }
        long duplicates = 0;
        long missing = 0;
        for (Sent action : all) {
            if (action.kind.creates()) {
                int copies = Math.max(atEnd.getOrDefault(action.marker, 0), stored.getOrDefault(action.marker, 0));
                duplicates += Math.max(0, copies - 1);
                if (action.visibleAt != 0 && atEnd.getOrDefault(action.marker, 0) == 0) {
                    missing++;
                }
            }
        }
        List<Figures> byKind = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            byKind.add(figures(kind.label, all.stream().filter(a -> a.kind == kind).toList()));
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        all.forEach(a -> statuses.merge(a.status, 1L, Long::sum));
        long[] answered = all.stream().filter(a -> a.answeredAt != 0).mapToLong(a -> a.answeredAt - a.intended)
                .sorted().toArray();
        return new Phase(name, plan.rate(), seconds, byKind, figures("all", all), statuses,
                percentile(answered, 0.5), percentile(answered, 0.99), duplicates, missing, writes, failed[0],
                requests, maxLag / 1e6, loadBefore, BenchOutput.loadAverage(), List.copyOf(refusals));
    }

    /**
     * The next ticket with no action of the bench unseen. When every one has, a note or time entry shares one (its
     * marker tells it apart); a status change or assignment waits for a ticket without an unseen one of those, which
     * it would otherwise overwrite before the watcher saw it (the wait shows as the sender's lag, and in the
     * latencies, which count from the schedule).
     */
    private static Target pick(List<Target> targets, int[] cursor, Set<Long> busy, Map<Long, Sent> unseenFields,
                               boolean creates) {
        while (true) {
            for (int tries = 0; tries < targets.size(); tries++) {
                Target target = targets.get(cursor[0]++ % targets.size());
                if (!busy.contains(target.id)) {
                    return target;
                }
            }
            for (int tries = 0; tries < targets.size(); tries++) {
                Target target = targets.get(cursor[0]++ % targets.size());
                if (creates || !unseenFields.containsKey(target.id)) {
                    return target;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void seen(Sent action, long now, Set<Long> busy) {
        action.visibleAt = now;
        busy.remove(action.ticketId);
    }

    /** The value after {@code current} in {@code values} (round the list), never {@code current} itself. */
    private static String other(List<String> values, String current) {
        int at = values.indexOf(current);
        return values.get((at + 1) % values.size());
    }

    /** Counts the log's entries after {@code cursor}: committed writes by endpoint, failures; returns the last seen. */
    private static long drain(RequestLog log, long cursor, Map<String, Long> writes, long[] failed) {
        long last = cursor;
        for (RequestLog.Entry entry : log.since(cursor)) {
            last = entry.sequence();
            if (entry.committed()) {
                synchronized (writes) {
                    writes.merge(entry.method() + " " + entry.endpoint(), 1L, Long::sum);
                }
            }
            if (entry.status() == 0 || entry.status() >= 400) {
                failed[0]++;
            }
        }
        return last;
    }

    private static Figures figures(String kind, List<Sent> actions) {
        int accepted = (int) actions.stream().filter(a -> a.status == 202).count();
        long[] latencies = actions.stream().filter(a -> a.status == 202 && a.visibleAt != 0)
                .mapToLong(a -> a.visibleAt - a.intended).sorted().toArray();
        return new Figures(kind, actions.size(), accepted, latencies.length, accepted - latencies.length,
                percentile(latencies, 0.5), percentile(latencies, 0.95), percentile(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static double perAction(long requests, Figures all) {
        return all.accepted() == 0 ? Double.NaN : requests / (double) all.accepted();
    }

    /** "60 % notes (internal and public by turns), 15 % time entries (15 min), …" */
    private static String mix() {
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String how = switch (kind) {
                case NOTE -> " (internal and public by turns)";
                case TIME_ENTRY -> " (15 min each)";
                case STATUS -> " (to the next open status of the ticket's list)";
                case ASSIGN -> " (to the next of the assignees)";
            };
            parts.add(kind.twentieths * 5 + " % " + kind.plural + how);
        }
        return String.join(", ", parts);
    }

    private static String row(Figures f) {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                f.kind(), f.sent(), f.accepted(), f.landed(), f.lost(), f.p50Millis(), f.p95Millis(), f.p99Millis(),
                f.maxMillis());
    }

    private String markdown(BenchHorizon horizon, Phase p, int tickets, int assignees) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "writeback, %s, %s, %,d tickets (actions on %d of them, %d assignees); "
                        + "%,d actions in %d s at %.0f/s after a %d s warm-up; %s; watcher every %.0f ms; load average "
                        + "%.2f when Horizon started, %.2f before the measured phase, %.2f after it%n%n", horizon.psa,
                horizon.store, plan.tickets(), tickets, assignees, p.all().sent(), p.seconds(), p.ratePerSecond(),
                plan.warmupSeconds(), mix(), WATCH_NANOS / 1e6, horizon.loadAverageBefore, p.loadAverageBefore(),
                p.loadAverageAfter()));
        md.append("| action | sent | accepted (202) | landed | lost | p50 | p95 | p99 | max |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        p.byKind().forEach(f -> md.append(row(f)));
        md.append(row(p.all()).replaceFirst("\\| all \\|", "| **all** |")).append('\n');
        md.append(String.format(Locale.ROOT, "- Horizon's answers: %s; scheduled send → answer p50 %.0f ms, "
                        + "p99 %.0f ms; the sender fell behind its schedule by %.0f ms at worst%n",
                p.answers(), p.answerP50Millis(), p.answerP99Millis(), p.maxSendLagMillis()));
        md.append(String.format(Locale.ROOT, "- Duplicates in the PSA (notes and time entries whose marker is stored "
                        + "more than once): %d; landed then missing: %d%n", p.duplicates(), p.missingAtEnd()));
        md.append(String.format(Locale.ROOT, "- PSA write requests: %,d for %,d accepted actions (%.2f per action): "
                        + "%s; requests answered with an error: %d%n", p.writes(), p.all().accepted(),
                perAction(p.writes(), p.all()), BenchOutput.nonZero(p.writeRequests()), p.failedRequests()));
        md.append(String.format(Locale.ROOT, "- All PSA requests in the window (read-backs, reads for the webhooks the "
                        + "writes set off, polls): %,d (%.2f per action): %s%n", p.allRequests(),
                perAction(p.allRequests(), p.all()), BenchOutput.nonZero(p.requests())));
        if (!p.refusals().isEmpty()) {
            md.append("- First answers other than 202: ").append(String.join("; ", p.refusals())).append('\n');
        }
        Figures all = p.all();
        boolean complete = all.lost() == 0 && all.accepted() == all.sent() && p.duplicates() == 0;
        md.append(String.format(Locale.ROOT, "%n- p50 %.0f ms %s 300 ms: %s%n", all.p50Millis(),
                all.p50Millis() <= 300 ? "≤" : ">", all.p50Millis() <= 300 ? "target met" : "**target missed**"));
        md.append(String.format(Locale.ROOT, "- p99 %.0f ms %s 1,000 ms: %s%n", all.p99Millis(),
                all.p99Millis() <= 1000 ? "≤" : ">", all.p99Millis() <= 1000 ? "target met" : "**target missed**"));
        md.append(String.format(Locale.ROOT, "- %d of %d accepted, %d lost, %d duplicates: %s%n", all.accepted(),
                all.sent(), all.lost(), p.duplicates(),
                complete ? "none lost, none twice" : "**not all exactly once**"));
        return md.toString();
    }
}
