package horizon.simulator.autotask.bench;

import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.core.bench.PageThroughput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final String SEARCH = "{\"filter\":[{\"op\":\"exist\",\"field\":\"id\"}]}";
    private static final String SERVER_THREADS = "autotask-sim-http";

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
            PageThroughput.run(1, 3, SERVER_THREADS, c -> walker(http, user));
            System.out.printf("tickets: %d, %d s per run, 500 records per page, all fields%n", tickets, seconds);
            for (int clients : new int[]{1, 3}) {
                PageThroughput.Result r = PageThroughput.run(clients, seconds, SERVER_THREADS, c -> walker(http, user));
                System.out.printf("%d client(s) in parallel: %.1f pages/s (%.0f records/s); server CPU %.2f ms per page"
                        + " (= %.0f pages/s per core)%n", clients, r.pagesPerSecond(), r.recordsPerSecond(),
                        r.serverCpuMsPerPage(), r.pagesPerCore());
            }
        }
    }

    /** A client walking all tickets from the first page, again and again. */
    private static PageThroughput.Client walker(HttpClient http, ApiUser user) {
        String first = user.zoneApiUrl() + "V1.0/Tickets/query";
        String[] url = {first};
        return () -> {
            Page page = post(http, user, url[0]);
            url[0] = page.next() == null ? first : page.next();
            return page.items();
        };
    }

    private record Page(int items, String next) {
    }

    /** Posts the search and returns the page's size and nextPageUrl, streaming past the items as a backfill can. */
    private static Page post(HttpClient http, ApiUser user, String url) throws Exception {
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
                    return new Page(items, parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getString());
                }
            }
        }
        throw new IllegalStateException("no pageDetails in the response");
    }
}
