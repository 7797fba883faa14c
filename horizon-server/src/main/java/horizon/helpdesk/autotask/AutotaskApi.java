package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Authenticated Autotask REST calls for one set of credentials: resolves the zone, sends the three headers, and
 * re-discovers the zone once on a 401 in case the database moved.
 */
@Component
class AutotaskApi {

    private static final Logger log = LoggerFactory.getLogger(AutotaskApi.class);

    private final AutotaskHttp http;
    private final ZoneResolver zones;

    AutotaskApi(AutotaskHttp http, ZoneResolver zones) {
        this.http = http;
        this.zones = zones;
    }

    /** GET {@code {zone}V1.0/{path}}. */
    JsonNode get(HelpdeskCredentials credentials, String path) {
        return call(credentials, "GET", path, null, OptionalLong.empty());
    }

    /** POST {@code {zone}V1.0/{path}} with a JSON body, e.g. a query. */
    JsonNode post(HelpdeskCredentials credentials, String path, JsonNode body) {
        return call(credentials, "POST", path, body, OptionalLong.empty());
    }

    /**
     * GET an absolute URL Autotask handed out (a {@code nextPageUrl}); refused unless it points at the zone's own host,
     * so the credential headers never travel elsewhere.
     */
    JsonNode getLink(HelpdeskCredentials credentials, String url) {
        AutotaskZone zone = zones.resolve(credentials.userName());
        URI uri = URI.create(url);
        if (!zone.ownsHostOf(uri)) {
            throw HelpdeskException.answered(Kind.PSA_REJECTED, "Autotask sent a link to " + uri.getScheme() + "://"
                    + uri.getAuthority() + ", which is not the zone's own host; Horizon does not follow it.", 0, null);
        }
        return http.send("GET", uri, headers(credentials, OptionalLong.empty()), null);
    }

    JsonNode emptyObject() {
        return http.json().createObjectNode();
    }

    private JsonNode call(HelpdeskCredentials credentials, String method, String path, JsonNode body,
                          OptionalLong impersonate) {
        AutotaskZone zone = zones.resolve(credentials.userName());
        try {
            return http.send(method, zone.endpoint(path), headers(credentials, impersonate), body);
        } catch (HelpdeskException failure) {
            if (failure.kind() != Kind.SECRET_REJECTED) {
                throw failure;
            }
            // A 401 is also what a database moved to another zone looks like: ask again, retry once if it moved.
            AutotaskZone fresh = zones.rediscover(credentials.userName());
            if (fresh.apiUrl().equals(zone.apiUrl())) {
                throw failure;
            }
            log.info("autotask zone changed from {} to {}; retrying {} {}", zone.apiUrl(), fresh.apiUrl(), method, path);
            return http.send(method, fresh.endpoint(path), headers(credentials, impersonate), body);
        }
    }

    private static Map<String, String> headers(HelpdeskCredentials credentials, OptionalLong impersonate) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ApiIntegrationCode", credentials.integrationCode());
        headers.put("UserName", credentials.userName());
        headers.put("Secret", credentials.secret());
        impersonate.ifPresent(id -> headers.put("ImpersonationResourceId", Long.toString(id)));
        return headers;
    }
}
