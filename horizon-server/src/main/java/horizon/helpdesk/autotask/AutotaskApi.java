package horizon.helpdesk.autotask;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Authenticated Autotask REST calls for one set of credentials: resolves the zone, sends the three headers (and
 * {@code ImpersonationResourceId} for a write made as a resource), and re-discovers the zone once on a 401 in case the
 * database moved. Every call passes the tenant's {@link AutotaskRateGate} here, in the one place that sends, so no
 * caller can go around it.
 */
@Component
class AutotaskApi {

    /** The credential field names, as the connector describes them and the sealed envelope stores them. */
    static final String USER_NAME = "userName";
    static final String SECRET = "secret";
    static final String INTEGRATION_CODE = "integrationCode";

    private static final Logger log = LoggerFactory.getLogger(AutotaskApi.class);

    private final AutotaskHttp http;
    private final ZoneResolver zones;
    private final AutotaskRateGate gate;

    AutotaskApi(AutotaskHttp http, ZoneResolver zones, AutotaskRateGate gate) {
        this.http = http;
        this.zones = zones;
        this.gate = gate;
    }

    /** GET {@code {zone}V1.0/{path}}, through the gate. */
    JsonNode get(HelpdeskCredentials credentials, String path) {
        return send(credentials, "GET", path, null, null);
    }

    /**
     * GET one record, {@code {zone}V1.0/{path}} with the id in the path; empty when there is none. Autotask answers an
     * unknown id with {@code {"item": null}}; some answer it with 404, which means the same here.
     */
    Optional<JsonNode> item(HelpdeskCredentials credentials, String path) {
        try {
            JsonNode item = get(credentials, path).path("item");
            return item.isObject() ? Optional.of(item) : Optional.empty();
        } catch (HelpdeskException failure) {
            if (failure.httpStatus() == 404) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** POST {@code {zone}V1.0/{path}} with a JSON body, e.g. a query, through the gate. */
    JsonNode post(HelpdeskCredentials credentials, String path, JsonNode body) {
        return send(credentials, "POST", path, body, null);
    }

    /**
     * POST {@code {zone}V1.0/{path}} with a query ({@code …/query}): the answer, which holds an {@code items} list. A
     * 2xx answer without one is no page at all (a gateway's or a faulty release's empty success), never an empty page:
     * TRANSIENT, so no caller reads it as "nothing matches" and lets go of records it no longer sees.
     */
    JsonNode query(HelpdeskCredentials credentials, String path, JsonNode query) {
        JsonNode answer = post(credentials, path, query);
        if (!answer.path("items").isArray()) {
            throw HelpdeskException.successWithout("Autotask", path, "a list of items", answer.toString());
        }
        return answer;
    }

    /** POST {@code {zone}V1.0/{path}} ({@code …/query/count}): the count; a 2xx answer without one is TRANSIENT. */
    long count(HelpdeskCredentials credentials, String path, JsonNode query) {
        JsonNode answer = post(credentials, path, query);
        if (!answer.path("queryCount").isIntegralNumber()) {
            throw HelpdeskException.successWithout("Autotask", path, "a queryCount", answer.toString());
        }
        return answer.path("queryCount").asLong();
    }

    /**
     * POST as a resource ({@code ImpersonationResourceId}): Autotask records the new record as created by
     * {@code actingResourceId}, with the API user as its impersonator.
     */
    JsonNode post(HelpdeskCredentials credentials, String path, JsonNode body, long actingResourceId) {
        return send(credentials, "POST", path, body, actingResourceId);
    }

    /** PATCH {@code {zone}V1.0/{path}}: changes only the fields the body names (its {@code id} says which record). */
    JsonNode patch(HelpdeskCredentials credentials, String path, JsonNode body) {
        return send(credentials, "PATCH", path, body, null);
    }

    /** PATCH as a resource ({@code ImpersonationResourceId}): the change is recorded as {@code actingResourceId}'s. */
    JsonNode patch(HelpdeskCredentials credentials, String path, JsonNode body, long actingResourceId) {
        return send(credentials, "PATCH", path, body, actingResourceId);
    }

    /** DELETE {@code {zone}V1.0/{path}}, through the gate. */
    JsonNode delete(HelpdeskCredentials credentials, String path) {
        return send(credentials, "DELETE", path, null, null);
    }

    /** Reads ThresholdInformation now, through the gate, and lets the gate pace by it. */
    ApiBudget budget(HelpdeskCredentials credentials) {
        return gate.readBudget(credentials,
                () -> call(credentials, "GET", AutotaskRateGate.THRESHOLD_ENDPOINT, null, null));
    }

    long requestsSent(HelpdeskCredentials credentials) {
        return gate.requestsSent(credentials);
    }

    int requestsInLastHour(HelpdeskCredentials credentials) {
        return gate.requestsInLastHour(credentials);
    }

    JsonNode emptyObject() {
        return http.json().createObjectNode();
    }

    /** The zone the credentials' database lives in, discovered afresh (the connection test's first step). */
    AutotaskZone rediscoverZone(HelpdeskCredentials credentials) {
        return zones.rediscover(credentials.value(USER_NAME));
    }

    /** The gate counts threads per entity collection: {@code Tickets/query/count} is {@code Tickets}. */
    private static String endpointOf(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The one sending path: through the tenant's gate, which retries 429s and nothing else. */
    private JsonNode send(HelpdeskCredentials credentials, String method, String path, JsonNode body,
                          Long actingResourceId) {
        return gate.send(credentials, endpointOf(path), () -> call(credentials, method, path, body, actingResourceId),
                () -> call(credentials, "GET", AutotaskRateGate.THRESHOLD_ENDPOINT, null, null));
    }

    private JsonNode call(HelpdeskCredentials credentials, String method, String path, JsonNode body,
                          Long actingResourceId) {
        AutotaskZone zone = zones.resolve(credentials.value(USER_NAME));
        Map<String, String> headers = headers(credentials, actingResourceId);
        try {
            return http.send(method, zone.endpoint(path), headers, body);
        } catch (HelpdeskException failure) {
            if (failure.httpStatus() != 401) {
                throw failure;
            }
            // A 401 is also what a database moved to another zone looks like: ask again, retry once if it moved.
            AutotaskZone fresh = zones.rediscover(credentials.value(USER_NAME));
            if (fresh.apiUrl().equals(zone.apiUrl())) {
                throw failure;
            }
            log.info("autotask zone changed from {} to {}; retrying {} {}", zone.apiUrl(), fresh.apiUrl(), method, path);
            return http.send(method, fresh.endpoint(path), headers, body);
        }
    }

    private static Map<String, String> headers(HelpdeskCredentials credentials, Long actingResourceId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ApiIntegrationCode", credentials.value(INTEGRATION_CODE));
        headers.put("UserName", credentials.value(USER_NAME));
        headers.put("Secret", credentials.value(SECRET));
        if (actingResourceId != null) {
            headers.put("ImpersonationResourceId", Long.toString(actingResourceId));
        }
        return headers;
    }
}
