package horizon.helpdesk.connectwise;

import horizon.helpdesk.BoundedExchange;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.connectwise.ConnectWiseErrorClassifier.Call;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Horizon's one HTTP client for ConnectWise: sends a request, returns the JSON of a 2xx answer and turns everything
 * else into a classified {@link HelpdeskException}; a 429 comes out as {@link Throttled} so the rate gate can wait
 * the Retry-After and try again.
 *
 * <p>Redirects are never followed: one could carry the Authorization header to another host. Every call has an
 * overall deadline and a size cap ({@link BoundedExchange}), so a stalled answer cannot hold a thread. Logs name the
 * method and path only, never a header.
 */
@Component
class ConnectWiseHttp {

    /** ConnectWise answered 429: the classified refusal, and how long it asked Horizon to wait. */
    static final class Throttled extends RuntimeException {
        private final transient HelpdeskException refusal;
        private final Duration retryAfter;

        Throttled(HelpdeskException refusal, Duration retryAfter) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
            this.retryAfter = retryAfter;
        }

        HelpdeskException refusal() {
            return refusal;
        }

        /** The Retry-After header's wait; empty when ConnectWise gave none Horizon can read. */
        Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectWiseHttp.class);

    private final HttpClient client;
    private final ConnectWiseProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    ConnectWiseHttp(ConnectWiseProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JsonMapper json() {
        return json;
    }

    /**
     * Sends one request; {@code headers} may carry credentials and are never logged.
     *
     * @throws Throttled        on 429
     * @throws HelpdeskException on any other failure
     */
    JsonNode send(Call call, String method, URI uri, Map<String, String> headers, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.requestTimeout());
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = BoundedExchange.send(client, request.build(), properties.requestTimeout(),
                    properties.maxResponseBytes());
        } catch (IOException | IllegalArgumentException | SecurityException failure) {
            HelpdeskException classified = ConnectWiseErrorClassifier.classifyTransport(uri, failure,
                    properties.requestTimeout());
            log.info("connectwise {} {} failed kind={} title=\"{}\"", method, uri.getRawPath(), classified.kind(),
                    classified.title());
            throw classified;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw ConnectWiseErrorClassifier.classifyTransport(uri, new IOException("interrupted", interrupted),
                    properties.requestTimeout());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            HelpdeskException classified = ConnectWiseErrorClassifier.classify(call, status, response.body());
            log.info("connectwise {} {} answered status={} kind={} title=\"{}\"", method, uri.getRawPath(), status,
                    classified.kind(), classified.title());
            if (status == 429) {
                throw new Throttled(classified, retryAfter(response).orElse(null));
            }
            throw classified;
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JacksonException notJson) {
            // a 200 that is not JSON is a proxy's or login page's answer, not ConnectWise's API
            throw ConnectWiseErrorClassifier.classify(call, 502, text);
        }
    }

    /**
     * A GET without credentials or ConnectWise's headers, for a callback's signing key: the answer as it came (the
     * caller judges its status), within {@code deadline} and {@code maxBytes}, redirects not followed. The caller has
     * checked that the URL is on the account's own site.
     */
    HttpResponse<String> fetchUnauthenticated(URI uri, Duration deadline, long maxBytes)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(deadline).header("Accept", "application/json")
                .GET().build();
        return BoundedExchange.send(client, request, deadline, maxBytes);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }
}
