package horizon.simulator.autotask.bench;

import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures how many 500-record pages per second the simulator serves: clients walk all tickets with POST query and
 * POST query/next, as a backfill does. Usage: {@code java -cp psa-simulator.jar
 * horizon.simulator.autotask.bench.QueryThroughput [tickets] [seconds]}.
 */
public final class QueryThroughput {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong SERVED = new AtomicLong();
    private static final String SEARCH = "{\"filter\":[{\"op\":\"exist\",\"field\":\"id\"}]}";

    private QueryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SimulatorOptions options = SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(40, 400, 12, tickets, 18)).withHourlyBudget(Integer.MAX_VALUE);
        try (AutotaskSimulator sim = AutotaskSimulator.start(options)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ApiUser user = sim.apiUser();
            run(http, user, 1, 3);
            System.out.printf("tickets: %d, %d s per run, 500 records per page, all fields%n", tickets, seconds);
            for (int clients : new int[]{1, 3}) {
                long cpuBefore = serverCpuNanos();
                long pagesBefore = SERVED.get();
                double pagesPerSecond = run(http, user, clients, seconds);
                double cpuMsPerPage = (serverCpuNanos() - cpuBefore) / 1e6 / (SERVED.get() - pagesBefore);
                System.out.printf("%d client(s) in parallel: %.1f pages/s (%.0f records/s); server CPU %.2f ms per page"
                        + " (= %.0f pages/s per core)%n", clients, pagesPerSecond, pagesPerSecond * 500, cpuMsPerPage,
                        1000 / cpuMsPerPage);
            }
        }
    }

    /** CPU time of the simulator's HTTP threads: what serving cost, whatever else loads the machine. */
    private static long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("autotask-sim-http")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static double run(HttpClient http, ApiUser user, int clients, int seconds) throws Exception {
        AtomicLong pages = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                String url = user.zoneApiUrl() + "V1.0/Tickets/query";
                while (System.nanoTime() < end) {
                    String next = post(http, user, url);
                    pages.incrementAndGet();
                    SERVED.incrementAndGet();
                    url = next == null ? user.zoneApiUrl() + "V1.0/Tickets/query" : next;
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return pages.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Posts the search and returns the page's nextPageUrl, streaming past the items as a backfill client can. */
    private static String post(HttpClient http, ApiUser user, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(SEARCH))
                .header("Content-Type", "application/json").header("ApiIntegrationCode", user.integrationCode())
                .header("UserName", user.userName()).header("Secret", user.secret()).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
        }
        try (JsonParser parser = JSON.createParser(response.body())) {
            int items = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals("items")) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        items++;
                    }
                } else if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals("nextPageUrl")) {
                    parser.nextToken();
                    if (items == 0) {
                        throw new IllegalStateException("empty page");
                    }
                    return parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getString();
                }
            }
        }
        throw new IllegalStateException("no pageDetails in the response");
    }
}
