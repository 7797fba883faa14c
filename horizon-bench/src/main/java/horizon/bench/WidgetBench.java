package horizon.bench;

import horizon.account.Accounts;
import horizon.account.HorizonUser;
import horizon.account.Role;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.todo.TodoDraft;
import horizon.todo.Todos;
import horizon.widget.BenchWidgetSignIns;
import horizon.widget.WidgetKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code widget}: how long a widget takes to show an agent's work, on a warm server with many agents at once. Each
 * agent is a Horizon user mapped to its own helpdesk user, with todos on three tickets. One load is what the widget's
 * page does in a browser whose cache holds the widget's script and style (versioned, kept a year): the page (the
 * shell), the token exchange (Autotask: the refresh cookie; ConnectWise: the member hand-over with the cookie, which
 * the server confirms with ConnectWise when it has not lately), then the data (the calendar, or the ticket with its
 * todos and quick actions), one after the other over real HTTP; the render report the script sends afterwards is sent
 * too but not timed. The browser's own work (parsing, drawing) is not in these figures: the browser test reports it
 * for one warm widget.
 *
 * <p>Two phases after a warm-up: <i>steady</i>, every agent loading a widget, then pausing a random 0–2×{@code
 * --think-ms}, for {@code --seconds}; <i>stampede</i>, every agent loading at the same instant (a barrier), {@code
 * --rounds} times a second apart: the morning when the whole desk opens its dashboards together.
 */
final class WidgetBench {

    private static final int TODO_TICKETS = 3;

    /** What to run. */
    record Plan(BenchPsa.Product psa, BackfillBench.Store store, int tickets, int agents, int seconds, int thinkMillis,
                int rounds, int warmupSeconds) {
    }

    /** The two widgets. */
    enum Widget {
        CALENDAR("calendar"), TICKET("ticket");

        final String path;

        Widget(String path) {
            this.path = path;
        }
    }

    /**
     * One widget's loads in one phase; times from the page's request to the data's answer.
     *
     * @param failed loads with any step answered other than 200
     */
    record Figures(String phase, String widget, int loads, int failed, double p50Millis, double p95Millis,
                   double p99Millis, double maxMillis) {
    }

    /** A phase's steps over all its loads: p50 and p99 of each. */
    record Steps(double pageP50, double pageP99, double tokenP50, double tokenP99, double dataP50, double dataP99) {
    }

    /** One phase. */
    record Phase(String name, List<Figures> byWidget, Figures all, Steps steps, Map<String, Long> psaRequests,
                 Map<Integer, Long> reportAnswers, List<String> failures, double loadAverageAfter) {
    }

    /** An agent: who, the cookie its browser holds (rotated by each load), its todos' tickets. */
    private static final class Agent {
        final long userId;
        final HelpdeskUser helpdeskUser;
        final List<Long> tickets;
        final Optional<Map<String, String>> handOver;
        volatile String refreshToken;
        int loads;

        Agent(long userId, HelpdeskUser helpdeskUser, List<Long> tickets, Optional<Map<String, String>> handOver) {
            this.userId = userId;
            this.helpdeskUser = helpdeskUser;
            this.tickets = tickets;
            this.handOver = handOver;
        }
    }

    /** One load as timed (nanoseconds per step; failure null when every step answered 200). */
    private record Load(Widget widget, long page, long token, long data, String failure, int reportStatus) {
        long total() {
            return page + token + data;
        }
    }

    private final Plan plan;

    WidgetBench(Plan plan) {
        this.plan = plan;
    }

    String run(Path out) throws Exception {
        BenchPsa.Size size = BenchPsa.Size.forTickets(plan.tickets()).withMembers(plan.agents() + 6);
        try (BenchHorizon horizon = BenchHorizon.start(plan.psa(), size, plan.store(), Map.of())) {
            String key = horizon.context.getBean(WidgetKeys.class).keyOf(horizon.accountId);
            List<String> origins = BenchWidgetSignIns.psaOrigins(horizon.context, horizon.accountId);
            if (origins.isEmpty()) {
                throw new IllegalStateException("the account has no PSA web origin for its widgets");
            }
            String origin = origins.get(0);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Session session = new Session(horizon, client, key, origin);
            List<Agent> agents = agents(horizon, session);
            if (plan.warmupSeconds() > 0) {
                Phase warmup = steady(session, agents, "warm-up", plan.warmupSeconds());
                System.out.println("warm-up (not reported): " + row(warmup.all()).strip());
            }
            Phase steady = steady(session, agents, "steady", plan.seconds());
            Phase stampede = stampede(session, agents, plan.rounds());
            String markdown = markdown(horizon, agents.size(), agents.get(0).handOver.isPresent(),
                    List.of(steady, stampede));
            ObjectNode json = BenchOutput.header("widget", horizon);
            json.put("tickets", plan.tickets());
            json.put("agents", agents.size());
            json.put("thinkMillis", plan.thinkMillis());
            json.put("rounds", plan.rounds());
            json.put("warmupSeconds", plan.warmupSeconds());
            json.set("steady", BenchOutput.JSON.valueToTree(steady));
            json.set("stampede", BenchOutput.JSON.valueToTree(stampede));
            BenchOutput.write(out, BenchOutput.fileName("widget", horizon), json, markdown);
            return markdown;
        }
    }

    /**
     * The agents: a Horizon user each, mapped to its own helpdesk user, with two todos on each of three open tickets
     * (today and the next two days), signed in once as the widget first signs in (Autotask: the popup's sign-in;
     * ConnectWise: the member hand-over, confirmed with ConnectWise).
     */
    private List<Agent> agents(BenchHorizon horizon, Session session) throws Exception {
        MirrorQueries mirror = horizon.context.getBean(MirrorQueries.class);
        Accounts accounts = horizon.context.getBean(Accounts.class);
        MappingHelpdeskUsers mappings = horizon.context.getBean(MappingHelpdeskUsers.class);
        Todos todos = horizon.context.getBean(Todos.class);
        List<HelpdeskUser> people = mirror.helpdeskUsers(horizon.accountId, true).stream()
                .filter(u -> !"A".equals(u.licenseType())).toList();
        List<HelpdeskTicket> open = mirror.loadAll(horizon.accountId, MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null).toList();
        if (open.size() < TODO_TICKETS) {
            throw new IllegalStateException("only " + open.size() + " open tickets");
        }
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Agent> agents = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (HelpdeskUser person : people) {
            if (agents.size() == plan.agents()) {
                break;
            }
            long stamp = System.nanoTime();
            HorizonUser user = accounts.addUser(horizon.accountId, "widget-" + stamp + "@bench.horizon.local",
                    "Widget Agent " + (agents.size() + 1), "bench-agent-password-" + stamp, Role.AGENT);
            mappings.bind(horizon.accountId, person.externalId(), user.id(), horizon.admin.id());
            SignedInUser me = new SignedInUser(user.id(), horizon.accountId, user.email(), user.displayName(),
                    user.role());
            List<Long> tickets = new ArrayList<>();
            for (int t = 0; t < TODO_TICKETS; t++) {
                HelpdeskTicket ticket = open.get((agents.size() * TODO_TICKETS + t) * 7 % open.size());
                tickets.add(ticket.externalId());
                for (int d = 0; d < 2; d++) {
                    Instant start = today.plus(Duration.ofDays(t)).plus(Duration.ofHours(8 + 3 * d));
                    todos.create(me, ticket.externalId(), new TodoDraft("Follow up " + ticket.externalId() + " #" + d,
                            null, start, start.plus(Duration.ofMinutes(45)), "Call the contact back."));
                }
            }
            Agent agent = new Agent(user.id(), person, tickets,
                    horizon.psa.memberHandOver(person.externalId(), person.username()));
            if (agent.handOver.isEmpty()) {
                agent.refreshToken = BenchWidgetSignIns.popupRefreshToken(horizon.context, horizon.accountId, user.id(),
                        session.origin);
            } else {
                String failure = session.signInMember(agent);
                if (failure != null) {
                    refused.add(person.username() + ": " + failure);
                    continue;
                }
            }
            agents.add(agent);
        }
        if (agents.size() < plan.agents()) {
            throw new IllegalStateException("only " + agents.size() + " of " + plan.agents()
                    + " agents could sign in; refused: " + refused);
        }
        return agents;
    }

    /** Every agent loading widgets, pausing 0–2×think between loads, for {@code seconds}. */
    private Phase steady(Session session, List<Agent> agents, String name, int seconds) throws Exception {
        Map<String, Long> before = session.horizon.psa.requestsByEndpoint();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Load> loads = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Agent agent : agents) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                pause(random.nextLong(plan.thinkMillis() + 1L));
                while (System.nanoTime() < end) {
                    loads.add(session.load(agent));
                    pause(random.nextLong(2L * plan.thinkMillis() + 1));
                }
            }, "widget-agent-" + agent.userId);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return phase(name + " (think 0–" + 2 * plan.thinkMillis() + " ms)", loads,
                BenchOutput.minus(session.horizon.psa.requestsByEndpoint(), before));
    }

    /** Every agent loading at once (a barrier), {@code rounds} times, a second apart. */
    private Phase stampede(Session session, List<Agent> agents, int rounds) throws Exception {
        Map<String, Long> before = session.horizon.psa.requestsByEndpoint();
        List<Load> loads = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier together = new CyclicBarrier(agents.size());
        List<Thread> threads = new ArrayList<>();
        for (Agent agent : agents) {
            Thread thread = new Thread(() -> {
                try {
                    for (int round = 0; round < rounds; round++) {
                        together.await();
                        loads.add(session.load(agent));
                        together.await();
                        pause(1_000);
                    }
                } catch (Exception broken) {
                    throw new IllegalStateException(broken);
                }
            }, "widget-agent-" + agent.userId);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return phase("stampede (" + agents.size() + " at once × " + rounds + ")", loads,
                BenchOutput.minus(session.horizon.psa.requestsByEndpoint(), before));
    }

    private static Phase phase(String name, List<Load> loads, Map<String, Long> psaRequests) {
        List<Load> all = List.copyOf(loads);
        List<Figures> byWidget = new ArrayList<>();
        for (Widget widget : Widget.values()) {
            byWidget.add(figures(name, widget.path, all.stream().filter(l -> l.widget() == widget).toList()));
        }
        List<Load> ok = all.stream().filter(l -> l.failure() == null).toList();
        long[] page = ok.stream().mapToLong(Load::page).sorted().toArray();
        long[] token = ok.stream().mapToLong(Load::token).sorted().toArray();
        long[] data = ok.stream().mapToLong(Load::data).sorted().toArray();
        Steps steps = new Steps(percentile(page, 0.5), percentile(page, 0.99), percentile(token, 0.5),
                percentile(token, 0.99), percentile(data, 0.5), percentile(data, 0.99));
        Map<Integer, Long> reports = new TreeMap<>();
        all.stream().filter(l -> l.failure() == null).forEach(l -> reports.merge(l.reportStatus(), 1L, Long::sum));
        List<String> failures = all.stream().map(Load::failure).filter(f -> f != null).distinct().limit(5).toList();
        Map<String, Long> requests = new TreeMap<>(psaRequests);
        requests.values().removeIf(v -> v == 0);
        return new Phase(name, byWidget, figures(name, "all", all), steps, requests, reports, failures,
                BenchOutput.loadAverage());
    }

    private static Figures figures(String phase, String widget, List<Load> loads) {
        long[] times = loads.stream().filter(l -> l.failure() == null).mapToLong(Load::total).sorted().toArray();
        int failed = (int) loads.stream().filter(l -> l.failure() != null).count();
        return new Figures(phase, widget, loads.size(), failed, percentile(times, 0.5), percentile(times, 0.95),
                percentile(times, 0.99), times.length == 0 ? Double.NaN : times[times.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The widget's requests, as its page sends them from the browser. */
    private static final class Session {
        final BenchHorizon horizon;
        final HttpClient client;
        final String key;
        final String origin;

        Session(BenchHorizon horizon, HttpClient client, String key, String origin) {
            this.horizon = horizon;
            this.client = client;
            this.key = key;
            this.origin = origin;
        }

        /** The first member sign-in of a ConnectWise agent; null when it worked, else why not. */
        String signInMember(Agent agent) throws Exception {
            for (int attempt = 0; attempt < 30; attempt++) {
                HttpResponse<String> answer = token(agent);
                if (answer.statusCode() == 200) {
                    return null;
                }
                if (answer.statusCode() != 429) {
                    return answer.statusCode() + " " + answer.body();
                }
                // The account's member sign-ins per minute: the bench signs in more agents than that at once.
                Thread.sleep(5_000);
            }
            return "still too many sign-ins after 150 s";
        }

        Load load(Agent agent) {
            int n = agent.loads++;
            Widget widget = n % 2 == 0 ? Widget.CALENDAR : Widget.TICKET;
            long ticket = agent.tickets.get((n / 2) % agent.tickets.size());
            String page = "/widgets/" + key + "/" + widget.path + (widget == Widget.TICKET ? "?ticket=" + ticket
                    + (agent.handOver.isEmpty() ? "&resource=" + agent.helpdeskUser.externalId() : "") : "");
            String data = widget == Widget.CALENDAR ? "/widgets/api/calendar?zone=UTC"
                    : "/widgets/api/tickets/" + ticket + "?zone=UTC";
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> shell = send(HttpRequest.newBuilder(URI.create(horizon.baseUrl + page))
                        .header("Sec-Fetch-Dest", "iframe").GET());
                long t1 = System.nanoTime();
                if (shell.statusCode() != 200) {
                    return new Load(widget, t1 - t0, 0, 0, "page " + shell.statusCode(), 0);
                }
                HttpResponse<String> exchanged = token(agent);
                long t2 = System.nanoTime();
                if (exchanged.statusCode() != 200) {
                    return new Load(widget, t1 - t0, t2 - t1, 0, "token " + exchanged.statusCode() + " "
                            + exchanged.body(), 0);
                }
                JsonNode answer = BenchOutput.JSON.readTree(exchanged.body());
                HttpResponse<String> shown = send(HttpRequest.newBuilder(URI.create(horizon.baseUrl + data))
                        .header("Authorization", "Bearer " + answer.path("accessToken").asString()).GET());
                long t3 = System.nanoTime();
                if (shown.statusCode() != 200) {
                    return new Load(widget, t1 - t0, t2 - t1, t3 - t2, "data " + shown.statusCode(), 0);
                }
                String report = "{\"key\":\"" + key + "\",\"widget\":\"" + widget.path + "\",\"event\":\"render\","
                        + "\"signIn\":\"" + answer.path("signIn").asString() + "\",\"ms\":"
                        + TimeUnit.NANOSECONDS.toMillis(t3 - t0) + "}";
                int reported = send(HttpRequest.newBuilder(URI.create(horizon.baseUrl + "/widgets/api/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(report))).statusCode();
                return new Load(widget, t1 - t0, t2 - t1, t3 - t2, null, reported);
            } catch (IOException | RuntimeException failed) {
                return new Load(widget, System.nanoTime() - t0, 0, 0, failed.toString(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Load(widget, System.nanoTime() - t0, 0, 0, "interrupted", 0);
            }
        }

        /**
         * The token exchange as the widget's script sends it: the refresh grant with the cookie (Autotask), or the
         * member hand-over with the cookie (ConnectWise); the cookie the answer sets replaces the agent's.
         */
        HttpResponse<String> token(Agent agent) throws IOException, InterruptedException {
            ObjectNode body = BenchOutput.JSON.createObjectNode();
            body.put("key", key).put("origin", origin);
            if (agent.handOver.isPresent()) {
                body.put("grant", "psa-member");
                ObjectNode member = body.putObject("member");
                agent.handOver.get().forEach(member::put);
            } else {
                body.put("grant", "refresh");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(horizon.baseUrl + "/widgets/api/token"))
                    .header("Content-Type", "application/json").header("X-Horizon-Widget", "1")
                    .header("Origin", horizon.baseUrl).POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (agent.refreshToken != null) {
                request.header("Cookie", BenchWidgetSignIns.cookieName() + "=" + agent.refreshToken);
            }
            HttpResponse<String> answer = send(request);
            String prefix = BenchWidgetSignIns.cookieName() + "=";
            answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(prefix))
                    .map(c -> c.substring(prefix.length()).split(";", 2)[0]).filter(v -> !v.isEmpty())
                    .findFirst().ifPresent(v -> agent.refreshToken = v);
            return answer;
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String row(Figures f) {
        return String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                f.phase(), f.widget(), f.loads(), f.failed(), f.p50Millis(), f.p95Millis(), f.p99Millis(),
                f.maxMillis());
    }

    private String markdown(BenchHorizon horizon, int agents, boolean memberSignIn, List<Phase> phases) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "widget, %s, %s, %,d tickets; %d agents, each mapped to its own helpdesk "
                        + "user with 6 todos on 3 tickets; a load = widget page + token exchange (%s) + data, "
                        + "one after the other, script and style cached; loads alternate calendar and ticket widget; "
                        + "after a %d s warm-up; load average %.2f when Horizon started%n%n", horizon.psa,
                horizon.store, plan.tickets(), agents, memberSignIn
                        ? "the member hand-over with the refresh cookie" : "the refresh cookie",
                plan.warmupSeconds(), horizon.loadAverageBefore));
        md.append("| phase | widget | loads | failed | p50 | p95 | p99 | max |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Phase phase : phases) {
            phase.byWidget().forEach(f -> md.append(row(f)));
        }
        md.append('\n');
        for (Phase phase : phases) {
            Steps s = phase.steps();
            md.append(String.format(Locale.ROOT, "- %s: page p50 %.1f / p99 %.1f ms, token p50 %.1f / p99 %.1f ms, "
                            + "data p50 %.1f / p99 %.1f ms; PSA requests: %s; render reports answered %s; load "
                            + "average after %.2f%n", phase.name(), s.pageP50(), s.pageP99(), s.tokenP50(),
                    s.tokenP99(), s.dataP50(), s.dataP99(),
                    phase.psaRequests().isEmpty() ? "none" : BenchOutput.nonZero(phase.psaRequests()),
                    phase.reportAnswers(), phase.loadAverageAfter()));
            if (!phase.failures().isEmpty()) {
                md.append("  - first failures: ").append(String.join("; ", phase.failures())).append('\n');
            }
        }
        md.append('\n');
        for (Phase phase : phases) {
            Figures all = phase.all();
            boolean met = all.failed() == 0 && all.p99Millis() <= 300;
            md.append(String.format(Locale.ROOT, "- %s: p99 %.0f ms %s 300 ms, %d failed: %s%n", phase.name(),
                    all.p99Millis(), all.p99Millis() <= 300 ? "≤" : ">", all.failed(),
                    met ? "target met" : "**target missed**"));
        }
        return md.toString();
    }
}
