package horizon.helpdesk.autotask;

import java.net.URI;
import java.time.Duration;
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
 */
@ConfigurationProperties("horizon.autotask")
public record AutotaskProperties(URI discoveryUrl, Duration connectTimeout, Duration requestTimeout, Duration zoneCacheTtl,
                                 Long maxResponseBytes) {

    public static final URI DEFAULT_DISCOVERY_URL = URI.create("https://webservices.autotask.net/atservicesrest/");

    @ConstructorBinding
    public AutotaskProperties {
        discoveryUrl = withTrailingSlash(discoveryUrl == null ? DEFAULT_DISCOVERY_URL : discoveryUrl);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        zoneCacheTtl = zoneCacheTtl == null ? Duration.ofHours(12) : zoneCacheTtl;
        maxResponseBytes = maxResponseBytes == null ? 32L * 1024 * 1024 : maxResponseBytes;
    }

    public AutotaskProperties(URI discoveryUrl, Duration connectTimeout, Duration requestTimeout, Duration zoneCacheTtl) {
        this(discoveryUrl, connectTimeout, requestTimeout, zoneCacheTtl, null);
    }

    private static URI withTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }
}
