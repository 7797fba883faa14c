package horizon.simulator.autotask.http;

import com.sun.net.httpserver.HttpHandler;
import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.Zone;
import horizon.simulator.autotask.web.AutotaskPages;
import horizon.simulator.core.limit.RollingBudget;
import horizon.simulator.autotask.limit.ThreadLimiter;
import horizon.simulator.core.SimClock;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.http.Incoming;
import horizon.simulator.core.http.Reply;
import horizon.simulator.core.http.RequestCounters;
import horizon.simulator.core.http.RequestLog;
import horizon.simulator.core.http.SimHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The zone hosts: one JDK HTTP server per zone on its own port. Each answers zone discovery for any user, and REST
 * calls only for users whose database lives in it, in Autotask's order: authentication, hourly budget, thread limit
 * (latency is spent while holding the thread slot), injected faults, then the endpoint. Serving, aimed faults,
 * counters and the request log are the shared {@link SimHttpServer}'s. The zone's web pages ({@code /Mvc/...},
 * {@link AutotaskPages}) skip all of that: they stand for Autotask's web UI, not its API.
 */
public final class AutotaskServer implements AutoCloseable {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte[] SERVICE_UNAVAILABLE =
            "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>"
                    .getBytes(StandardCharsets.US_ASCII);

    private static final int MAX_QUERY_STRING = 2048;
    private static final byte[] QUERY_STRING_TOO_LONG =
            "<!DOCTYPE html><html><head><title>404 - Not Found</title></head><body><h2>HTTP Error 404.15 - Not Found</h2><p>The request filtering module is configured to deny a request where the query string is too long.</p></body></html>"
                    .getBytes(StandardCharsets.US_ASCII);

    /** Settings and collaborators of the server. */
    public record Parts(Credentials credentials, RollingBudget budget, ThreadLimiter limiter, RequestFaults faults,
                        Function<List<String>, ApiEndpoint> router,
                        LongFunction<String> impersonationRefusal, long ci,
                        UnaryOperator<String> endpointLabel, AutotaskPages pages) {
    }

    private final SimHttpServer http;
    private final SimClock clock;
    private final List<Zone> zones = new ArrayList<>();
    private volatile Parts parts;

    private AutotaskServer(SimHttpServer http, SimClock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Binds one port per zone (basePort, basePort + 1, ... or free ports when basePort is 0); not yet serving. */
    public static AutotaskServer bind(String bindAddress, int basePort, List<String> zoneNames, SimClock clock) {
        SimHttpServer http = SimHttpServer.bind(bindAddress, basePort, zoneNames.size(), "autotask-sim-http", clock);
        AutotaskServer server = new AutotaskServer(http, clock);
        for (int i = 0; i < zoneNames.size(); i++) {
            int port = http.ports().get(i);
            String host = "http://" + SimHttpServer.advertisedHost(bindAddress) + ":" + port + "/";
            server.zones.add(new Zone(zoneNames.get(i), host + "ATServicesRest/", host, port));
        }
        return server;
    }

    public List<Zone> zones() {
        return List.copyOf(zones);
    }

    /** The zone the database lives in: the last one. */
    public Zone databaseZone() {
        return zones.get(zones.size() - 1);
    }

    public RequestCounters counters() {
        return http.counters();
    }

    public RequestLog requestLog() {
        return http.log();
    }

    public void start(Parts serverParts, HttpHandler control) {
        this.parts = serverParts;
        http.start(i -> request -> serve(zones.get(i), request), control);
    }

    @Override
    public void close() {
        http.close();
    }

    private static Reply json(String endpoint, int status, JsonNode body) {
        return Reply.json(endpoint, status, body);
    }

    private static Reply reply(String endpoint, ApiResponse response) {
        return json(endpoint, response.status(), response.body());
    }

    private Reply serve(Zone zone, Incoming request) {
        List<String> segments = request.segments();
        String method = request.method();
        Map<String, String> query = request.query();
        if (AutotaskPages.handles(segments)) {
            return parts.pages().serve(zone, request);
        }
        if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("atservicesrest")) {
            return reply("other", notFound(segments));
        }
        if (parts.faults().down(clock.now())) {
            return serviceUnavailable("down");
        }
        String rawQuery = request.rawQuery();
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_STRING) {
            // IIS request filtering (404.15): why long GET searches and their nextPageUrls fail in Autotask
            return Reply.bytes("other", 404, "text/html", QUERY_STRING_TOO_LONG);
        }
        if (segments.size() == 2 && segments.get(1).equalsIgnoreCase("versionInformation")) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putArray("apiVersions").add("V1.0");
            return json("versionInformation", 200, body);
        }
        if (segments.size() < 3 || !segments.get(1).equalsIgnoreCase("v1.0")) {
            return reply("other", notFound(segments));
        }
        List<String> path = List.copyOf(segments.subList(2, segments.size()));
        if (path.size() == 1 && path.get(0).equalsIgnoreCase("zoneInformation")) {
            return zoneInformation(query.get("user"));
        }
        // one name per endpoint for counters and thread slots: Tickets whether called as tickets or TICKETS
        String endpoint = parts.endpointLabel().apply(path.get(0));
        var entry = parts.credentials().find(request.header("UserName"));
        if (entry.isEmpty()) {
            return reply(endpoint, ApiResponse.errors(500, "Unable to authenticate: the API user could not be found."));
        }
        var user = entry.get();
        if (!user.user().zoneName().equals(zone.name())) {
            // The user's database lives elsewhere: this host rejects the login, as a mistyped zone does in Autotask.
            return reply(endpoint, authorizationDenied());
        }
        if (!user.user().secret().equals(request.header("Secret"))) {
            return reply(endpoint, authorizationDenied());
        }
        String code = request.header("ApiIntegrationCode");
        if (!parts.credentials().acceptsIntegrationCode(code)) {
            return reply(endpoint, ApiResponse.errors(500,
                    "The integration code (API tracking identifier) is invalid or not active for this database."));
        }
        long acting = user.user().resourceId();
        String impersonation = request.header("ImpersonationResourceId");
        if (impersonation != null && !impersonation.isBlank()) {
            if (user.level() != SecurityLevel.API_WEBHOOK) {
                return reply(endpoint, ApiResponse.errors(500,
                        "Impersonation is not allowed for the security level of the logged in API user."));
            }
            try {
                acting = Long.parseLong(impersonation.trim());
            } catch (NumberFormatException e) {
                return reply(endpoint, ApiResponse.errors(500, "The ImpersonationResourceId header is not a valid resource id."));
            }
            String refusal = parts.impersonationRefusal().apply(acting);
            if (refusal != null) {
                return reply(endpoint, ApiResponse.errors(500, refusal));
            }
        }
        Caller caller = new Caller(user.user().userName(), code, user.user().resourceId(), acting, user.level());
        RequestFaults faults = parts.faults();
        if (faults.take429(clock.now())) {
            return reply(endpoint, threadThreshold());
        }
        if (!parts.budget().tryCount()) {
            return reply(endpoint, ApiResponse.errors(429, "The API request threshold of " + parts.budget().threshold()
                    + " requests per 60 minutes has been exceeded for this database. Please try again later."));
        }
        String slot = endpoint;
        if (!parts.limiter().tryAcquire(code, slot)) {
            return reply(endpoint, threadThreshold());
        }
        try {
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            }
            if (faults.drawError()) {
                return error(endpoint, faults.errorStatus());
            }
            // a POST to {Entity}/query(/count|/next) reads
            boolean write = SimHttpServer.WRITES.contains(method)
                    && path.stream().noneMatch(segment -> segment.equalsIgnoreCase("query"));
            return SimHttpServer.withAimedFaults(faults, method, String.join("/", path), write,
                    () -> handle(endpoint, method, path, query, request, caller, segments),
                    status -> error(endpoint, status));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reply(endpoint, ApiResponse.errors(500, "The request was interrupted."));
        } finally {
            parts.limiter().release(code, slot);
        }
    }

    private Reply handle(String endpoint, String method, List<String> path, Map<String, String> query,
                         Incoming request, Caller caller, List<String> segments) {
        if (path.size() == 1 && path.get(0).equalsIgnoreCase("ThresholdInformation")) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("externalRequestThreshold", parts.budget().threshold());
            body.put("requestThresholdTimeframe", 60);
            body.put("currentTimeframeRequestCount", parts.budget().used());
            return json(endpoint, 200, body);
        }
        byte[] raw = request.body();
        JsonNode body = null;
        if (raw.length > 0) {
            try {
                body = MAPPER.readTree(raw);
            } catch (JacksonException e) {
                return reply(endpoint, ApiResponse.errors(500, "The request body is not valid JSON."));
            }
        }
        ApiEndpoint target = parts.router().apply(path);
        if (target == null) {
            return reply(endpoint, notFound(segments));
        }
        return reply(endpoint, target.handle(new ApiRequest(method, path, query, body, caller)));
    }

    /** Autotask's answer to a server fault: IIS's 503 page, or its generic 500 errors body. */
    private static Reply error(String endpoint, int status) {
        return status == 503 ? serviceUnavailable(endpoint)
                : reply(endpoint, ApiResponse.errors(status, "An unexpected error has occurred. Please try again later."));
    }

    private static Reply serviceUnavailable(String endpoint) {
        return Reply.bytes(endpoint, 503, "text/html", SERVICE_UNAVAILABLE);
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
            return reply("zoneInformation", ApiResponse.errors(500, "Zone information could not be determined"));
        }
        Zone zone = zones.stream().filter(z -> z.name().equals(entry.get().user().zoneName())).findFirst().orElseThrow();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("zoneName", ZoneDirectory.displayName(zone.name()));
        body.put("url", zone.apiUrl());
        body.put("webUrl", zone.webUrl());
        body.put("ci", parts.ci());
        return json("zoneInformation", 200, body);
    }

    private static ApiResponse notFound(List<String> segments) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Message", "No HTTP resource was found that matches the request URI '/" + String.join("/", segments) + "'.");
        return new ApiResponse(404, body);
    }
}
