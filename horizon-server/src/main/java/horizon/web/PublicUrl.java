package horizon.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address people and PSAs reach Horizon at: HORIZON_PUBLIC_URL when set (required behind a proxy and for
 * webhooks), otherwise http://localhost with the port this node actually listens on.
 */
@Component
public class PublicUrl {

    private final String configured;
    private final Environment environment;

    PublicUrl(@Value("${horizon.public-url:}") String configured, Environment environment) {
        this.configured = configured == null ? "" : configured.strip();
        this.environment = environment;
        if (!this.configured.isEmpty() && !this.configured.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            throw new IllegalStateException("HORIZON_PUBLIC_URL (horizon.public-url) must be an http or https URL "
                    + "such as https://horizon.example.com, was: " + this.configured);
        }
    }

    /** The base URL without a trailing slash. */
    public String get() {
        String base = configured.isEmpty()
                ? "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"))
                : configured;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Whether people reach Horizon over https (behind a TLS-terminating proxy, whatever the proxy itself speaks). */
    public boolean https() {
        return configured.startsWith("https://");
    }

    /** Whether the operator set HORIZON_PUBLIC_URL (PSAs cannot call back to localhost). */
    public boolean configured() {
        return !configured.isEmpty();
    }
}
