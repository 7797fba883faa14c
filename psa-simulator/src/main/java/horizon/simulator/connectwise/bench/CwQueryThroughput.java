package horizon.simulator.connectwise.bench;

import horizon.simulator.connectwise.ApiMember;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.core.bench.PageThroughput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures how many 1,000-record pages per second the ConnectWise simulator serves when clients walk all tickets the
 * way Horizon backfills: {@code GET service/tickets} with a {@code lastUpdated > [...]} condition (the ingest window;
 * here one that every ticket is inside, so pages are full), {@code pageSize=1000}, forward-only paging
 * ({@code pagination-type: forward-only}, following the {@code Link rel="next"} until a page comes back empty). The
 * tickets' id range is split into as many disjoint segments as there are clients, as Horizon's backfill splits an
 * entity into id segments with a request in flight per segment; each client walks its own segment
 * ({@code id >= first and id <= last} in the conditions) again and again. Pages/s counts every request, the short
 * last page of a segment and the empty one that ends it included; records/s counts what came back. Usage:
 * {@code java -cp psa-simulator.jar horizon.simulator.connectwise.bench.CwQueryThroughput [tickets] [seconds]}.
 */
public final class CwQueryThroughput {
    // the bench drains and closes the response itself, so the connection is kept alive
    private static final JsonMapper JSON = JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    private static final String SERVER_THREADS = "connectwise-sim-http";
    private static final String WINDOW_START = "2000-01-01T00:00:00Z";
    private static final int PAGE_SIZE = 1000;
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    private CwQueryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ConnectWiseOptions options = ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(40, 400, 12, tickets, 18))
                .withRequestsPerMinute(Integer.MAX_VALUE);
        try (ConnectWiseSimulator sim = ConnectWiseSimulator.start(options)) {
            Api api = new Api(sim.apiUrl(), auth(sim.apiMember()), sim.clientId());
            long first = api.edgeId("asc");
            long last = api.edgeId("desc");
            PageThroughput.run(1, 3, SERVER_THREADS, c -> segment(api, first, last, 0, 1));
            System.out.printf("tickets: %d (ids %d..%d), %d s per run, %d records per page, all fields, forward-only"
                    + " paging, one id segment per client%n", tickets, first, last, seconds, PAGE_SIZE);
            for (int clients : new int[]{1, 3}) {
                PageThroughput.Result r = PageThroughput.run(clients, seconds, SERVER_THREADS,
                        c -> segment(api, first, last, c, clients));
                System.out.printf("%d client(s) in parallel: %.1f pages/s (%.0f records/s, %.0f records per page);"
                        + " server CPU %.2f ms per page (= %.0f pages/s per core); client CPU %.2f ms per page%n",
                        clients, r.pagesPerSecond(), r.recordsPerSecond(), (double) r.records() / r.pages(),
                        r.serverCpuMsPerPage(), r.pagesPerCore(), r.clientCpuMsPerPage());
            }
        }
    }

    /** Client {@code index} of {@code count}: walks its share of the ids [first, last] from its start, again and again. */
    private static PageThroughput.Client segment(Api api, long first, long last, int index, int count) {
        long span = last - first + 1;
        long from = first + span * index / count;
        long to = first + span * (index + 1) / count - 1;
        String start = api.base + "service/tickets?conditions=" + URLEncoder.encode("lastUpdated > [" + WINDOW_START
                + "] and id >= " + from + " and id <= " + to, StandardCharsets.UTF_8) + "&pageSize=" + PAGE_SIZE;
        String[] url = {start};
        return () -> {
            Response<Integer> response = api.get(url[0], true, CwQueryThroughput::countRecords);
            int records = response.body();
            String next = response.link() == null ? null : next(response.link());
            if (next == null && records > 0) {
                throw new IllegalStateException("a page of " + records + " records without a next link");
            }
            url[0] = next == null ? start : next;
            return records;
        };
    }

    /** Streams past the page's records, as a backfill client can, counting them. */
    private static int countRecords(InputStream body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("the page is not a JSON array");
            }
            int records = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.skipChildren();
                records++;
            }
            return records;
        }
    }

    private static String next(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static String auth(ApiMember member) {
        String user = member.companyId() + "+" + member.publicKey() + ":" + member.privateKey();
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private record Api(String base, String authorization, String clientId) {
        /** A GET with the bench's credentials; the body is handed to {@code read} as it arrives. */
        <T> Response<T> get(String url, boolean forwardOnly, BodyReader<T> read) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("Authorization", authorization);
            connection.setRequestProperty("clientId", clientId);
            if (forwardOnly) {
                connection.setRequestProperty("pagination-type", "forward-only");
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                try (InputStream error = connection.getErrorStream()) {
                    String text = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                    throw new IllegalStateException("HTTP " + status + " for " + url + ": " + text);
                }
            }
            try (InputStream in = connection.getInputStream()) {
                T body = read.read(in);
                in.transferTo(OutputStream.nullOutputStream());
                return new Response<>(body, connection.getHeaderField("Link"));
            }
        }

        /** The lowest or highest ticket id. */
        long edgeId(String direction) throws IOException {
            String url = base + "service/tickets?fields=id&pageSize=1&orderBy=" + URLEncoder.encode("id " + direction,
                    StandardCharsets.UTF_8);
            JsonNode page = get(url, false, JSON::readTree).body();
            if (page.isEmpty()) {
                throw new IllegalStateException("the simulator has no tickets");
            }
            return page.get(0).get("id").asLong();
        }
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream in) throws IOException;
    }

    private record Response<T>(T body, String link) {
    }
}
