package horizon.helpdesk.autotask;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the zone an Autotask API user's database lives in, and remembers it for a while.
 *
 * <p>The zone is asked for at the discovery URL (never typed by an admin) and cached per user name for
 * {@link AutotaskProperties#zoneCacheTtl()}; a database moved to another zone shows up as a 401, on which callers ask
 * for {@link #rediscover(String)}. An API URL outside {@link AutotaskProperties#allowedZoneHosts()} is refused before
 * any credential goes to it.
 */
@Component
class ZoneResolver {

    private static final Logger log = LoggerFactory.getLogger(ZoneResolver.class);

    private record Cached(AutotaskZone zone, Instant fetchedAt) {
    }

    private final AutotaskHttp http;
    private final AutotaskProperties properties;
    private final AllowedZoneHosts allowedHosts;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ZoneResolver(AutotaskHttp http, AutotaskProperties properties, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.allowedHosts = AllowedZoneHosts.of(properties.allowedZoneHosts());
        this.clock = clock;
    }

    /** The cached zone when fresh enough, else a new discovery. */
    AutotaskZone resolve(String userName) {
        Cached cached = cache.get(userName);
        if (cached != null && cached.fetchedAt().plus(properties.zoneCacheTtl()).isAfter(clock.instant())) {
            return cached.zone();
        }
        return rediscover(userName);
    }

    /** Seeds the cache with a zone known from elsewhere (a stored connection), as if discovered now. */
    void remember(String userName, AutotaskZone zone) {
        cache.put(userName, new Cached(zone, clock.instant()));
    }

    /** Always asks Autotask, and replaces the cached zone. */
    AutotaskZone rediscover(String userName) {
        URI uri = URI.create(properties.discoveryUrl() + "v1.0/zoneInformation?user="
                + URLEncoder.encode(userName, StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = http.getAnonymous(uri);
        } catch (RuntimeException failure) {
            cache.remove(userName);
            throw failure;
        }
        AutotaskZone zone = new AutotaskZone(
                text(answer, "zoneName", "ZoneName"),
                withTrailingSlash(text(answer, "url", "Url")),
                text(answer, "webUrl", "WebUrl"),
                answer.path("ci").asLong(answer.path("CI").asLong(0)));
        if (zone.apiUrl().isEmpty()) {
            throw AutotaskErrorClassifier.classify(AutotaskErrorClassifier.Call.ZONE_DISCOVERY, 500, answer.toString());
        }
        allowedHosts.refusal(zone.apiUrl()).ifPresent(reason -> {
            cache.remove(userName);
            log.warn("autotask zone refused zone=\"{}\" api={} reason=\"{}\"", zone.name(), zone.apiUrl(), reason);
            throw allowedHosts.refused(zone.apiUrl(), reason);
        });
        Cached previous = cache.put(userName, new Cached(zone, clock.instant()));
        if (previous == null || !previous.zone().apiUrl().equals(zone.apiUrl())) {
            log.info("autotask zone discovered zone=\"{}\" api={}", zone.name(), zone.apiUrl());
        }
        return zone;
    }

    /** Zone JSON has been seen in both camelCase and PascalCase. */
    private static String text(JsonNode node, String camel, String pascal) {
        JsonNode value = node.has(camel) ? node.get(camel) : node.path(pascal);
        return value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    private static String withTrailingSlash(String url) {
        return url.isEmpty() || url.endsWith("/") ? url : url + "/";
    }
}
