package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.connectwise.ConnectWiseErrorClassifier.Call;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Authenticated ConnectWise REST calls for one set of credentials: finds the company's codebase on its site, sends
 * Basic auth ({@code companyId+publicKey:privateKey}), Horizon's {@code clientId} and the model version, and reads
 * lists forward-only in id order. Every call, company info included, passes the tenant's {@link ConnectWiseRateGate}
 * here, in the one place that sends, so no caller can go around it.
 */
@Component
class ConnectWiseApi {

    /** The credential field names, as the connector describes them and the sealed envelope stores them. */
    static final String SITE = "site";
    static final String HOST = "host";
    static final String COMPANY_ID = "companyId";
    static final String PUBLIC_KEY = "publicKey";
    static final String PRIVATE_KEY = "privateKey";

    /** The model version Horizon reads; ConnectWise keeps an old model for 12 months after a change. */
    static final String API_VERSION = "2025.1";
    /** ConnectWise's largest page. */
    static final int MAX_PAGE = 1000;
    /** ConnectWise's guide keeps URLs at about 2,000 characters; longer conditions go in a search's body. */
    static final int MAX_URL = 2000;

    private static final Duration CODEBASE_TTL = Duration.ofHours(1);
    private static final Pattern CODEBASE = Pattern.compile("[A-Za-z0-9_.]+/?");

    private final ConnectWiseHttp http;
    private final ConnectWiseRateGate gate;
    private final ConnectWiseProperties properties;
    private final Clock clock;
    private final Map<String, Discovered> codebases = new ConcurrentHashMap<>();

    ConnectWiseApi(ConnectWiseHttp http, ConnectWiseRateGate gate, ConnectWiseProperties properties, Clock clock) {
        this.http = http;
        this.gate = gate;
        this.properties = properties;
        this.clock = clock;
    }

    /** A discovered codebase and when; rediscovered after an hour (cloud sites move to a new codebase on upgrade). */
    private record Discovered(ConnectWiseCodebase codebase, Instant at) {
    }

    /** The site the credentials name, checked as the connector checks it. */
    ConnectWiseSite site(HelpdeskCredentials credentials) {
        return ConnectWiseSite.of(credentials, properties.allowInsecureLoopback());
    }

    /**
     * Asks the site afresh where the company's API lives (no authentication needed): the connection test's first step.
     *
     * @throws HelpdeskException "Site unreachable", or "Company unknown" for a 404 or an answer without a codebase
     */
    ConnectWiseCodebase discover(HelpdeskCredentials credentials) {
        ConnectWiseSite site = site(credentials);
        String companyId = credentials.value(COMPANY_ID);
        URI uri = site.companyInfo(companyId);
        JsonNode info = gate.send(credentials, () -> http.send(Call.COMPANY_INFO, "GET", uri,
                Map.of("Accept", "application/json"), null));
        String codebase = info.path("Codebase").asString("").strip();
        if (!info.isObject() || !CODEBASE.matcher(codebase).matches()) {
            throw ConnectWiseErrorClassifier.companyUnknown(200, null);
        }
        ConnectWiseCodebase found = new ConnectWiseCodebase(site, info.path("CompanyName").asString(companyId),
                codebase.endsWith("/") ? codebase : codebase + "/", info.path("VersionCode").asString(""));
        codebases.put(cacheKey(site, companyId), new Discovered(found, clock.instant()));
        return found;
    }

    /** GET of one record or a small list, e.g. {@code service/tickets/5}. */
    JsonNode get(HelpdeskCredentials credentials, String path, Map<String, String> parameters) {
        return call(credentials, "GET", path, parameters, Map.of(), null);
    }

    /**
     * GET with headers of its own besides the API member's, e.g. a signed-in member's hash for
     * {@code system/myAccount}; {@code extraHeaders} are never logged.
     */
    JsonNode get(HelpdeskCredentials credentials, String path, Map<String, String> parameters,
                 Map<String, String> extraHeaders) {
        return call(credentials, "GET", path, parameters, extraHeaders, null);
    }

    /** POST of a new record, e.g. {@code system/callbacks}; the record as ConnectWise stored it. */
    JsonNode post(HelpdeskCredentials credentials, String path, JsonNode body) {
        return call(credentials, "POST", path, Map.of(), Map.of(), body);
    }

    /** PATCH of one record with an array of {@code {op, path, value}} operations; the record as it is now. */
    JsonNode patch(HelpdeskCredentials credentials, String path, JsonNode operations) {
        return call(credentials, "PATCH", path, Map.of(), Map.of(), operations);
    }

    /** DELETE of one record. */
    void delete(HelpdeskCredentials credentials, String path) {
        call(credentials, "DELETE", path, Map.of(), Map.of(), null);
    }

    /** A JSON object to fill for {@link #post}. */
    ObjectNode newObject() {
        return http.json().createObjectNode();
    }

    /** A JSON array to fill with {@link #patch} operations. */
    ArrayNode newArray() {
        return http.json().createArrayNode();
    }

    /** {@code {path}/count} with the conditions: {@code {"count": n}}. */
    long count(HelpdeskCredentials credentials, String path, ConnectWiseConditions conditions) {
        Map<String, String> parameters = conditions.isEmpty() ? Map.of() : Map.of("conditions", conditions.text());
        JsonNode answer = get(credentials, path + "/count", parameters);
        if (!answer.path("count").isIntegralNumber()) {
            throw HelpdeskException.successWithout("ConnectWise", path + "/count", "a count", answer.toString());
        }
        return answer.path("count").asLong();
    }

    /**
     * One forward-only page: records with an id above {@code afterId} matching the conditions, in id order, at most
     * {@code pageSize}. Conditions too long for a URL travel in the body of {@code POST {path}/search}.
     *
     * @param fields the {@code fields} parameter ({@code id} for ids only), null for whole records
     */
    List<JsonNode> forwardPage(HelpdeskCredentials credentials, String path, ConnectWiseConditions conditions,
                               String fields, long afterId, int pageSize) {
        Map<String, String> paging = new LinkedHashMap<>();
        paging.put("pageSize", String.valueOf(Math.min(pageSize, MAX_PAGE)));
        paging.put("pageId", String.valueOf(afterId));
        Map<String, String> filters = new LinkedHashMap<>();
        if (!conditions.isEmpty()) {
            filters.put("conditions", conditions.text());
        }
        if (fields != null) {
            filters.put("fields", fields);
        }
        Map<String, String> all = new LinkedHashMap<>(filters);
        all.putAll(paging);
        Map<String, String> forwardOnly = Map.of("pagination-type", "forward-only");
        JsonNode answer;
        if (codebase(credentials).endpoint(path, all).toString().length() <= MAX_URL) {
            answer = call(credentials, "GET", path, all, forwardOnly, null);
        } else {
            ObjectNode body = http.json().createObjectNode();
            filters.forEach(body::put);
            answer = call(credentials, "POST", path + "/search", paging, forwardOnly, body);
        }
        if (!answer.isArray()) {
            throw HelpdeskException.successWithout("ConnectWise", path, "a list", answer.toString());
        }
        List<JsonNode> records = new ArrayList<>();
        answer.forEach(records::add);
        return records;
    }

    long requestsSent(HelpdeskCredentials credentials) {
        return gate.requestsSent(credentials);
    }

    int requestsInLastHour(HelpdeskCredentials credentials) {
        return gate.requestsInLastHour(credentials);
    }

    private JsonNode call(HelpdeskCredentials credentials, String method, String path, Map<String, String> parameters,
                          Map<String, String> extraHeaders, JsonNode body) {
        Map<String, String> headers = headers(credentials);
        headers.putAll(extraHeaders);
        // found before taking a slot: a discovery is a request of its own through the same gate
        URI uri = codebase(credentials).endpoint(path, parameters);
        return gate.send(credentials, () -> http.send(Call.API, method, uri, headers, body));
    }

    /** Where the company's API lives, as last discovered (rediscovered after an hour). */
    ConnectWiseCodebase codebase(HelpdeskCredentials credentials) {
        ConnectWiseSite site = site(credentials);
        Discovered known = codebases.get(cacheKey(site, credentials.value(COMPANY_ID)));
        if (known != null && clock.instant().isBefore(known.at().plus(CODEBASE_TTL))) {
            return known.codebase();
        }
        return discover(credentials);
    }

    private Map<String, String> headers(HelpdeskCredentials credentials) {
        if (properties.clientId().isEmpty()) {
            throw HelpdeskException.answered(Kind.VALIDATION, "Horizon has no ConnectWise clientId configured, and "
                    + "ConnectWise refuses every call without one.", 0, null, ConnectWiseErrorClassifier.CLIENT_ID_STEPS)
                    .titled("clientId missing");
        }
        String user = credentials.value(COMPANY_ID) + "+" + credentials.value(PUBLIC_KEY) + ":"
                + credentials.value(PRIVATE_KEY);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        headers.put("clientId", properties.clientId());
        headers.put("Accept", "application/vnd.connectwise.com+json; version=" + API_VERSION);
        return headers;
    }

    private static String cacheKey(ConnectWiseSite site, String companyId) {
        return site.base() + "|" + companyId.toLowerCase(Locale.ROOT);
    }
}
