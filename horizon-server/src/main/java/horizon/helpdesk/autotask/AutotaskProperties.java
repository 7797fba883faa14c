package horizon.helpdesk.autotask;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How Horizon reaches Autotask.
 *
 * @param discoveryUrl   the REST base that answers zoneInformation; any zone host does, and admins never type it
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout   how long to wait for a whole answer, body included
 * @param zoneCacheTtl     how long a discovered zone is reused before asking again
 * @param maxResponseBytes the largest answer read; a larger one fails the call (a page of 500 tickets is about 1 MB)
 * @param allowedZoneHosts where the API URL that zone discovery answers may point: hosts or {@code *.domain}, https
 *                         only unless written {@code http://host} (the simulator); by default {@code *.autotask.net}
 */
@ConfigurationProperties("horizon.autotask")
public record AutotaskProperties(URI discoveryUrl, Duration connectTimeout, Duration requestTimeout, Duration zoneCacheTtl,
                                 Long maxResponseBytes, List<String> allowedZoneHosts) {

    public static final URI DEFAULT_DISCOVERY_URL = URI.create("https://webservices.autotask.net/atservicesrest/");

    @ConstructorBinding
    public AutotaskProperties {
        discoveryUrl = withTrailingSlash(discoveryUrl == null ? DEFAULT_DISCOVERY_URL : discoveryUrl);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        zoneCacheTtl = zoneCacheTtl == null ? Duration.ofHours(12) : zoneCacheTtl;
        maxResponseBytes = maxResponseBytes == null ? 32L * 1024 * 1024 : maxResponseBytes;
        allowedZoneHosts = allowedZoneHosts == null ? AllowedZoneHosts.DEFAULT : List.copyOf(allowedZoneHosts);
        AllowedZoneHosts.of(allowedZoneHosts); // a malformed entry stops the start, naming the property
    }

    public AutotaskProperties(URI discoveryUrl, Duration connectTimeout, Duration requestTimeout, Duration zoneCacheTtl) {
        this(discoveryUrl, connectTimeout, requestTimeout, zoneCacheTtl, null, null);
    }

    public AutotaskProperties(URI discoveryUrl, Duration connectTimeout, Duration requestTimeout, Duration zoneCacheTtl,
                              Long maxResponseBytes) {
        this(discoveryUrl, connectTimeout, requestTimeout, zoneCacheTtl, maxResponseBytes, null);
    }

    /** The same settings with other allowed zone hosts, e.g. {@code http://127.0.0.1} for the simulator. */
    public AutotaskProperties withAllowedZoneHosts(List<String> hosts) {
        return new AutotaskProperties(discoveryUrl, connectTimeout, requestTimeout, zoneCacheTtl, maxResponseBytes,
                hosts);
    }

    private static URI withTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }
}
