package horizon.helpdesk.connectwise;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How Horizon reaches ConnectWise PSA sites ({@code horizon.connectwise.*}); see docs/configuration.md.
 *
 * @param clientId              Horizon's own clientId, registered at developer.connectwise.com/ClientID; sent on
 *                              every call (ConnectWise refuses calls without one)
 * @param connectTimeout        how long to wait for a TCP connection
 * @param requestTimeout        how long to wait for a whole answer, body included
 * @param maxResponseBytes      the largest answer read; a larger one fails the call (a page of 1,000 tickets is a few
 *                              MB)
 * @param allowInsecureLoopback whether an on-premise site may be plain http on 127.0.0.1 or localhost (tests and the
 *                              demo, against the simulator); every other site must be https
 * @param requestsInFlight      requests in flight at once per tenant
 * @param requestsPerMinute     requests per rolling minute Horizon allows itself per tenant (ConnectWise starts
 *                              throttling around 1,000 per minute, shared by every integration of the site)
 * @param maxRetries            retries after a 429 before the call fails as retriable RATE_LIMITED
 * @param maxWait               the longest one wait lasts: for a slot, for the per-minute allowance, or for the
 *                              Retry-After of a 429 (a longer Retry-After is cut to it)
 */
@ConfigurationProperties("horizon.connectwise")
public record ConnectWiseProperties(String clientId, Duration connectTimeout, Duration requestTimeout,
                                    Long maxResponseBytes, Boolean allowInsecureLoopback, Integer requestsInFlight,
                                    Integer requestsPerMinute, Integer maxRetries, Duration maxWait) {

    @ConstructorBinding
    public ConnectWiseProperties {
        clientId = clientId == null ? "" : clientId.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        maxResponseBytes = maxResponseBytes == null ? 32L * 1024 * 1024 : maxResponseBytes;
        allowInsecureLoopback = allowInsecureLoopback != null && allowInsecureLoopback;
        requestsInFlight = requestsInFlight == null ? 4 : requestsInFlight;
        requestsPerMinute = requestsPerMinute == null ? 600 : requestsPerMinute;
        maxRetries = maxRetries == null ? 3 : maxRetries;
        maxWait = maxWait == null ? Duration.ofSeconds(60) : maxWait;
        if (requestsInFlight < 1) {
            throw new IllegalArgumentException(
                    "horizon.connectwise.requests-in-flight must be at least 1, was " + requestsInFlight);
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException(
                    "horizon.connectwise.requests-per-minute must be at least 1, was " + requestsPerMinute);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("horizon.connectwise.max-retries must not be negative, was " + maxRetries);
        }
    }

    /** The defaults with the given clientId. */
    public static ConnectWiseProperties withClientId(String clientId) {
        return new ConnectWiseProperties(clientId, null, null, null, null, null, null, null, null);
    }

    /** The same settings, letting on-premise sites be plain http on loopback (tests and the demo). */
    public ConnectWiseProperties allowingInsecureLoopback() {
        return new ConnectWiseProperties(clientId, connectTimeout, requestTimeout, maxResponseBytes, true,
                requestsInFlight, requestsPerMinute, maxRetries, maxWait);
    }

    /** The same settings with another overall deadline per answer. */
    public ConnectWiseProperties withRequestTimeout(Duration timeout) {
        return new ConnectWiseProperties(clientId, connectTimeout, timeout, maxResponseBytes, allowInsecureLoopback,
                requestsInFlight, requestsPerMinute, maxRetries, maxWait);
    }

    /** The same settings with other rate-gate limits. */
    public ConnectWiseProperties withGate(int inFlight, int perMinute, int retries, Duration longestWait) {
        return new ConnectWiseProperties(clientId, connectTimeout, requestTimeout, maxResponseBytes,
                allowInsecureLoopback, inFlight, perMinute, retries, longestWait);
    }
}
