package horizon.simulator.connectwise.http;

import horizon.simulator.connectwise.callback.CallbackRegistration;
import horizon.simulator.connectwise.callback.SigningKeys;
import horizon.simulator.connectwise.hosted.HostedPages;
import horizon.simulator.connectwise.hosted.MemberHashes;
import horizon.simulator.connectwise.query.QuerySyntaxException;
import horizon.simulator.connectwise.rest.ApiError;
import horizon.simulator.connectwise.rest.Listing;
import horizon.simulator.connectwise.rest.RestRequest;
import horizon.simulator.connectwise.rest.RestResponse;
import horizon.simulator.connectwise.rest.Target;
import horizon.simulator.connectwise.rest.Writes;
import horizon.simulator.connectwise.store.Actor;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Permission;
import horizon.simulator.core.SimClock;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.http.Incoming;
import horizon.simulator.core.http.Reply;
import horizon.simulator.core.http.SimHttpServer;
import horizon.simulator.core.limit.RollingBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated ConnectWise site, in ConnectWise's order: company info and the callback signing keys without
 * authentication; then the {@code api-} host rule, the codebase path, {@code Accept} versioning, Basic auth
 * ({@code company+public:private}), the {@code clientId} header, 429s (faults and the per-minute limit, with
 * Retry-After), latency, injected errors, the security role's permission, and the REST endpoint. The screens that
 * frame integrations ({@code /hosted/...}, {@link HostedPages}) are the site's web UI and skip all of that;
 * {@code system/myAccount} confirms a member's memberHash after every API check.
 */
public final class ConnectWiseSite {
    public static final String CURRENT_VERSION = "2026.4";
    /** The oldest model version still served: ConnectWise keeps an old model for 12 months after a change. */
    public static final String OLDEST_VERSION = "2025.4";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern CODEBASE = Pattern.compile("v4_6_release|v20\\d\\d_\\d{1,2}", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("version\\s*=\\s*([^;,\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOUD_HOST = Pattern.compile(
            "(na|eu|au|aus|za|staging|sandbox-na|sandbox-eu|sandbox-au)\\.(myconnectwise\\.net|connectwisedev\\.com)");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final byte[] SERVICE_UNAVAILABLE = ("<!DOCTYPE html><html><head><title>Service Unavailable</title>"
            + "</head><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>")
            .getBytes(StandardCharsets.US_ASCII);

    private final SimClock clock;
    private final Accounts accounts;
    private final RequestFaults faults;
    private final RollingBudget perMinute;
    private final Listing listing;
    private final Writes writes;
    private final CallbackRegistration callbacks;
    private final SigningKeys keys;
    private final ObjectNode companyInfo;
    private final HostedPages pages;
    private final MemberHashes memberHashes;

    public ConnectWiseSite(SimClock clock, Accounts accounts, RequestFaults faults, RollingBudget perMinute,
                           Listing listing, Writes writes, CallbackRegistration callbacks, SigningKeys keys,
                           ObjectNode companyInfo, HostedPages pages, MemberHashes memberHashes) {
        this.clock = clock;
        this.accounts = accounts;
        this.faults = faults;
        this.perMinute = perMinute;
        this.listing = listing;
        this.writes = writes;
        this.callbacks = callbacks;
        this.keys = keys;
        this.companyInfo = companyInfo;
        this.pages = pages;
        this.memberHashes = memberHashes;
    }

    /** Serves one request of the site. */
    public Reply serve(Incoming request) {
        List<String> segments = request.segments();
        if (HostedPages.handles(segments)) {
            return pages.serve(request);
        }
        if (faults.down(clock.now())) {
            return Reply.bytes("down", 503, "text/html", SERVICE_UNAVAILABLE);
        }
        if (segments.size() == 3 && segments.get(0).equalsIgnoreCase("login")
                && segments.get(1).equalsIgnoreCase("companyinfo")) {
            return companyInfo(segments.get(2));
        }
        if (segments.size() == 4 && segments.get(1).equalsIgnoreCase("system")
                && segments.get(2).equalsIgnoreCase("callbackkey")) {
            return signingKey(request.query().get("id"));
        }
        String host = hostOf(request.header("Host"));
        if (CLOUD_HOST.matcher(host).matches()) {
            // cloud hosts are reached through their api- name only; the site's own name answers this
            return error("other", new ApiError(403, "Security", "SSL is required."));
        }
        if (segments.size() < 3 || !CODEBASE.matcher(segments.get(0)).matches()
                || !segments.get(1).equalsIgnoreCase("apis") || !segments.get(2).equals("3.0")) {
            return error("other", ApiError.endpointDoesNotExist());
        }
        List<String> path = List.copyOf(segments.subList(3, segments.size()));
        Optional<Target> target = Target.of(path);
        boolean myAccount = path.size() == 2 && path.get(0).equalsIgnoreCase("system")
                && path.get(1).equalsIgnoreCase("myAccount");
        String endpoint = myAccount ? "system/myAccount"
                : target.map(t -> String.join("/", t.kind().path())).orElse("other");
        try {
            String version = version(request.header("Accept"));
            Accounts.Caller caller = accounts.authenticate(request.header("Authorization"));
            checkClientId(request.header("clientId"));
            if (faults.take429(clock.now())) {
                return tooManyRequests(endpoint, 30);
            }
            if (!perMinute.tryCount()) {
                return tooManyRequests(endpoint, perMinute.secondsUntilFree());
            }
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            if (faults.drawError()) {
                return serverError(endpoint, faults.errorStatus());
            }
            if (myAccount) {
                return SimHttpServer.withAimedFaults(faults, request.method(), String.join("/", path), false,
                        () -> answer(endpoint, version, () -> myAccount(request)), status -> serverError(endpoint, status));
            }
            if (target.isEmpty()) {
                throw ApiError.endpointDoesNotExist();
            }
            Permission needed = Permission.of(target.get().kind());
            if (!caller.permissions().contains(needed)) {
                throw new ApiError(403, "NotAuthorized", "The security role '" + caller.roleName()
                        + "' does not allow this: it lacks '" + needed.function() + "' (" + needed.module()
                        + ") access.");
            }
            RestRequest rest = new RestRequest(request.method(), path, request.query(), body(request),
                    new Actor(caller.memberId(), caller.identifier()),
                    "forward-only".equalsIgnoreCase(request.header("pagination-type")),
                    selfUrl(request), request.rawQuery());
            boolean write = SimHttpServer.WRITES.contains(request.method())
                    && target.get().shape() != Target.Shape.SEARCH;
            return SimHttpServer.withAimedFaults(faults, request.method(), String.join("/", path), write,
                    () -> answer(endpoint, version, () -> dispatch(rest, target.get())),
                    status -> serverError(endpoint, status));
        } catch (ApiError e) {
            return error(endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return serverError(endpoint, 500);
        }
    }

    private RestResponse dispatch(RestRequest request, Target target) {
        String method = request.method();
        boolean callbacksCollection = target.kind() == Kind.CALLBACKS;
        return switch (target.shape()) {
            case LIST -> switch (method) {
                case "GET" -> listing.list(request, target);
                case "POST" -> callbacksCollection ? callbacks.create(request) : writes.create(request, target);
                default -> throw notAllowed(method);
            };
            case COUNT -> {
                if (!method.equals("GET")) {
                    throw notAllowed(method);
                }
                yield listing.count(request, target);
            }
            case SEARCH -> {
                if (!method.equals("POST")) {
                    throw notAllowed(method);
                }
                yield listing.list(request, target);
            }
            case ITEM -> switch (method) {
                case "GET" -> listing.item(request, target);
                case "PATCH" -> callbacksCollection ? callbacks.patch(request, target) : writes.patch(request, target);
                case "PUT" -> callbacksCollection ? callbacks.put(request, target) : writes.put(request, target);
                case "DELETE" -> callbacksCollection ? callbacks.delete(request, target) : writes.delete(request, target);
                default -> throw notAllowed(method);
            };
        };
    }

    /**
     * {@code GET system/myAccount} as a pod's server confirms a memberHash: with {@code x-cw-usertype: member} and
     * {@code x-cw-memberhash} on top of the API member's auth, the member the hash was minted for; an unknown or
     * expired hash (or only one of the two headers, or another user type) is 401 in ConnectWise's error shape. Without
     * either header the simulator does not serve the path (404, as before it knew myAccount): ConnectWise answers the
     * API member's own account there, which nothing here needs.
     */
    private RestResponse myAccount(Incoming request) {
        String userType = request.header("x-cw-usertype");
        String hash = request.header("x-cw-memberhash");
        if (userType == null && hash == null) {
            throw ApiError.endpointDoesNotExist();
        }
        if (!request.method().equals("GET")) {
            throw notAllowed(request.method());
        }
        if (userType == null || !userType.trim().equalsIgnoreCase("member") || hash == null || hash.isBlank()) {
            throw memberNotAuthenticated();
        }
        return RestResponse.ok(memberHashes.confirm(hash).orElseThrow(ConnectWiseSite::memberNotAuthenticated));
    }

    private static ApiError memberNotAuthenticated() {
        return new ApiError(401, "Unauthorized", "The member hash is not valid or has expired.");
    }

    private static Reply answer(String endpoint, String version, java.util.function.Supplier<RestResponse> handler) {
        try {
            RestResponse response = handler.get();
            String type = "application/vnd.connectwise.com+json; version=" + version + "; charset=utf-8";
            byte[] body = response.json() != null ? response.json()
                    : response.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(response.body());
            Reply reply = Reply.bytes(endpoint, response.status(), type, body);
            for (var header : response.headers().entrySet()) {
                reply = reply.withHeader(header.getKey(), header.getValue());
            }
            return reply;
        } catch (ApiError e) {
            return error(endpoint, e);
        } catch (QuerySyntaxException e) {
            return error(endpoint, new ApiError(400, "InvalidObject", e.getMessage()));
        }
    }

    private Reply companyInfo(String company) {
        if (!company.equalsIgnoreCase(accounts.companyId())) {
            return error("companyinfo", new ApiError(404, "NotFound", "Company '" + company + "' was not found."));
        }
        return Reply.json("companyinfo", 200, companyInfo);
    }

    private Reply signingKey(String id) {
        Optional<SigningKeys.Key> key = id == null ? Optional.empty() : keys.find(id);
        if (key.isEmpty()) {
            return error("callbackkey", new ApiError(404, "NotFound", "The signing key was not found or has expired."));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("signing_key", key.get().signingKey());
        return Reply.json("callbackkey", 200, body);
    }

    /** The model version asked for in Accept; the newest when none; 400 outside the served window. */
    private static String version(String accept) {
        if (accept == null) {
            return CURRENT_VERSION;
        }
        Matcher matcher = VERSION.matcher(accept);
        if (!matcher.find()) {
            return CURRENT_VERSION;
        }
        String version = matcher.group(1);
        if (!version.matches("\\d{4}\\.\\d{1,2}")) {
            throw new ApiError(400, "InvalidVersion", "The version '" + version + "' in the Accept header is not valid.");
        }
        if (compare(version, CURRENT_VERSION) > 0) {
            throw new ApiError(400, "InvalidVersion", "Version " + version + " does not exist; the newest is "
                    + CURRENT_VERSION + ".");
        }
        // an older version than the window is answered with the oldest model still kept
        return compare(version, OLDEST_VERSION) < 0 ? OLDEST_VERSION : version;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    private void checkClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw new ApiError(401, "InvalidClientId", "A clientId header is required. Register an integration at "
                    + "https://developer.connectwise.com/ClientID to get one.");
        }
        if (!GUID.matcher(clientId.trim()).matches() || accounts.isDisabled(clientId.trim())) {
            throw new ApiError(401, "InvalidClientId", "The clientId '" + clientId.trim()
                    + "' is not registered or has been disabled.");
        }
    }

    private static JsonNode body(Incoming request) {
        byte[] raw = request.body();
        if (raw.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw new ApiError(400, "InvalidObject", "The request body is not valid JSON.");
        }
    }

    private static String selfUrl(Incoming request) {
        String host = request.header("Host");
        return "http://" + (host == null ? "127.0.0.1" : host) + request.rawPath();
    }

    private static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private static Reply tooManyRequests(String endpoint, long seconds) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", "ConnectWiseAPI");
        body.put("message", "Too many requests. Please try again in " + seconds + " seconds.");
        return Reply.json(endpoint, 429, body).withHeader("Retry-After", String.valueOf(seconds));
    }

    private static Reply serverError(String endpoint, int status) {
        if (status == 503) {
            return Reply.bytes(endpoint, 503, "text/html", SERVICE_UNAVAILABLE);
        }
        return error(endpoint, new ApiError(status, "ConnectWiseApi", "An error occurred, please try again later."));
    }

    private static ApiError notAllowed(String method) {
        return new ApiError(405, "ConnectWiseApi", "The requested resource does not support http method '" + method + "'.");
    }

    private static Reply error(String endpoint, ApiError error) {
        return Reply.json(endpoint, error.status(), error.toJson());
    }
}
