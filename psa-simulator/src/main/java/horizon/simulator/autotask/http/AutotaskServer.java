package horizon.simulator.autotask.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.Zone;
import horizon.simulator.autotask.limit.Faults;
import horizon.simulator.autotask.limit.HourlyBudget;
import horizon.simulator.autotask.limit.RequestCounters;
import horizon.simulator.autotask.limit.ThreadLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The zone hosts: one JDK HTTP server per zone on its own port. Each answers zone discovery for any user, and REST
 * calls only for users whose database lives in it, in Autotask's order: authentication, hourly budget, thread limit
 * (latency is spent while holding the thread slot), injected faults, then the endpoint.
 */
public final class AutotaskServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AutotaskServer.class.getName());
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte[] SERVICE_UNAVAILABLE =
            "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>"
                    .getBytes(StandardCharsets.US_ASCII);

    private static final int MAX_QUERY_STRING = 2048;
    private static final byte[] QUERY_STRING_TOO_LONG =
            "<!DOCTYPE html><html><head><title>404 - Not Found</title></head><body><h2>HTTP Error 404.15 - Not Found</h2><p>The request filtering module is configured to deny a request where the query string is too long.</p></body></html>"
                    .getBytes(StandardCharsets.US_ASCII);

    /** Settings and collaborators of the server. */
    public record Parts(Credentials credentials, HourlyBudget budget, ThreadLimiter limiter, Faults faults,
                        RequestCounters counters, Function<List<String>, ApiEndpoint> router,
                        LongFunction<String> impersonationRefusal, HttpHandler control, long ci,
                        UnaryOperator<String> endpointLabel) {
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Zone> zones = new ArrayList<>();
    private final ExecutorService executor;
    private volatile Parts parts;

    private AutotaskServer(ExecutorService executor) {
        this.executor = executor;
    }

    /** Binds one server per zone (basePort, basePort + 1, ... or free ports when basePort is 0); not yet serving. */
    public static AutotaskServer bind(String bindAddress, int basePort, List<String> zoneNames) {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "autotask-sim-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        AutotaskServer server = new AutotaskServer(Executors.newCachedThreadPool(factory));
        try {
            for (int i = 0; i < zoneNames.size(); i++) {
                int port = basePort == 0 ? 0 : basePort + i;
                HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, port), 256);
                int actual = http.getAddress().getPort();
                String host = "http://" + advertisedHost(bindAddress) + ":" + actual + "/";
                Zone zone = new Zone(zoneNames.get(i), host + "ATServicesRest/", host, actual);
                http.createContext("/", exchange -> server.handle(zone, exchange));
                http.setExecutor(server.executor);
                server.servers.add(http);
                server.zones.add(zone);
            }
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot bind the simulator's zone ports", e);
        }
        return server;
    }

    /** The host name URLs carry: a wildcard bind address is reached through loopback. */
    public static String advertisedHost(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
    }

    public List<Zone> zones() {
        return List.copyOf(zones);
    }

    /** The zone the database lives in: the last one. */
    public Zone databaseZone() {
        return zones.get(zones.size() - 1);
    }

    public void start(Parts serverParts) {
        this.parts = serverParts;
        servers.forEach(HttpServer::start);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }

    private void handle(Zone zone, HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_sim")) {
                parts.control().handle(exchange);
                return;
            }
            Reply reply = serve(zone, exchange, path);
            send(exchange, reply);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
        }
    }

    /** A response with its endpoint label for the counters. */
    private record Reply(String endpoint, int status, byte[] body, String contentType) {
        static Reply json(String endpoint, int status, JsonNode body) {
            return new Reply(endpoint, status, MAPPER.writeValueAsBytes(body), "application/json; charset=utf-8");
        }

        static Reply of(String endpoint, ApiResponse response) {
            return json(endpoint, response.status(), response.body());
        }
    }

    private Reply serve(Zone zone, HttpExchange exchange, String rawPath) throws IOException {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("atservicesrest")) {
            return Reply.of("other", notFound(segments));
        }
        if (parts.faults().apiDown()) {
            return new Reply("down", 503, SERVICE_UNAVAILABLE, "text/html");
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_STRING) {
            // IIS request filtering (404.15): why long GET searches and their nextPageUrls fail in Autotask
            return new Reply("other", 404, QUERY_STRING_TOO_LONG, "text/html");
        }
        if (segments.size() == 2 && segments.get(1).equalsIgnoreCase("versionInformation")) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putArray("apiVersions").add("V1.0");
            return Reply.json("versionInformation", 200, body);
        }
        if (segments.size() < 3 || !segments.get(1).equalsIgnoreCase("v1.0")) {
            return Reply.of("other", notFound(segments));
        }
        List<String> path = List.copyOf(segments.subList(2, segments.size()));
        if (path.size() == 1 && path.get(0).equalsIgnoreCase("zoneInformation")) {
            return zoneInformation(query.get("user"));
        }
        // one name per endpoint for counters and thread slots: Tickets whether called as tickets or TICKETS
        String endpoint = parts.endpointLabel().apply(path.get(0));
        Headers headers = new Headers(exchange);
        var entry = parts.credentials().find(headers.get("UserName"));
        if (entry.isEmpty()) {
            return Reply.of(endpoint, ApiResponse.errors(500, "Unable to authenticate: the API user could not be found."));
        }
        var user = entry.get();
        if (!user.user().zoneName().equals(zone.name())) {
            // The user's database lives elsewhere: this host rejects the login, as a mistyped zone does in Autotask.
            return Reply.of(endpoint, authorizationDenied());
        }
        if (!user.user().secret().equals(headers.get("Secret"))) {
            return Reply.of(endpoint, authorizationDenied());
        }
        String code = headers.get("ApiIntegrationCode");
        if (!parts.credentials().acceptsIntegrationCode(code)) {
            return Reply.of(endpoint, ApiResponse.errors(500,
                    "The integration code (API tracking identifier) is invalid or not active for this database."));
        }
        long acting = user.user().resourceId();
        String impersonation = headers.get("ImpersonationResourceId");
        if (impersonation != null && !impersonation.isBlank()) {
            if (user.level() != SecurityLevel.API_WEBHOOK) {
                return Reply.of(endpoint, ApiResponse.errors(500,
                        "Impersonation is not allowed for the security level of the logged in API user."));
            }
            try {
                acting = Long.parseLong(impersonation.trim());
            } catch (NumberFormatException e) {
                return Reply.of(endpoint, ApiResponse.errors(500, "The ImpersonationResourceId header is not a valid resource id."));
            }
            String refusal = parts.impersonationRefusal().apply(acting);
            if (refusal != null) {
                return Reply.of(endpoint, ApiResponse.errors(500, refusal));
            }
        }
        Caller caller = new Caller(user.user().userName(), code, user.user().resourceId(), acting, user.level());
        Faults faults = parts.faults();
        if (faults.take429()) {
            return Reply.of(endpoint, threadThreshold());
        }
        if (!parts.budget().tryCount()) {
            return Reply.of(endpoint, ApiResponse.errors(429, "The API request threshold of " + parts.budget().threshold()
                    + " requests per 60 minutes has been exceeded for this database. Please try again later."));
        }
        String slot = endpoint;
        if (!parts.limiter().tryAcquire(code, slot)) {
            return Reply.of(endpoint, threadThreshold());
        }
        try {
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            }
            if (faults.drawError()) {
                return faults.errorStatus() == 503
                        ? new Reply(endpoint, 503, SERVICE_UNAVAILABLE, "text/html")
                        : Reply.of(endpoint, ApiResponse.errors(500, "An unexpected error has occurred. Please try again later."));
            }
            if (path.size() == 1 && path.get(0).equalsIgnoreCase("ThresholdInformation")) {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("externalRequestThreshold", parts.budget().threshold());
                body.put("requestThresholdTimeframe", 60);
                body.put("currentTimeframeRequestCount", parts.budget().used());
                return Reply.json(endpoint, 200, body);
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = null;
            if (raw.length > 0) {
                try {
                    body = MAPPER.readTree(raw);
                } catch (JacksonException e) {
                    return Reply.of(endpoint, ApiResponse.errors(500, "The request body is not valid JSON."));
                }
            }
            ApiEndpoint target = parts.router().apply(path);
            if (target == null) {
                return Reply.of(endpoint, notFound(segments));
            }
            return Reply.of(endpoint, target.handle(new ApiRequest(method, path, query, body, caller)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.of(endpoint, ApiResponse.errors(500, "The request was interrupted."));
        } finally {
            parts.limiter().release(code, slot);
        }
    }

    private ApiResponse threadThreshold() {
        return ApiResponse.errors(429, "API thread threshold of " + parts.limiter().limit() + " threads has been exceeded");
    }

    private static ApiResponse authorizationDenied() {
        return ApiResponse.errors(401, "Authorization has been denied for this request.");
    }

    private Reply zoneInformation(String user) {
        var entry = parts.credentials().find(user);
        if (entry.isEmpty()) {
            return Reply.of("zoneInformation", ApiResponse.errors(500, "Zone information could not be determined"));
        }
        Zone zone = zones.stream().filter(z -> z.name().equals(entry.get().user().zoneName())).findFirst().orElseThrow();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("zoneName", ZoneDirectory.displayName(zone.name()));
        body.put("url", zone.apiUrl());
        body.put("webUrl", zone.webUrl());
        body.put("ci", parts.ci());
        return Reply.json("zoneInformation", 200, body);
    }

    private static ApiResponse notFound(List<String> segments) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Message", "No HTTP resource was found that matches the request URI '/" + String.join("/", segments) + "'.");
        return new ApiResponse(404, body);
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        parts.counters().record(reply.endpoint(), reply.status());
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        exchange.getResponseBody().write(reply.body());
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            result.put(URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return result;
    }

    /** Request headers looked up ignoring case, as HTTP defines them. */
    private record Headers(HttpExchange exchange) {
        String get(String name) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                return value;
            }
            return exchange.getRequestHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }
}
