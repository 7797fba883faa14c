package horizon.helpdesk.autotask;

import horizon.helpdesk.BoundedExchange;
import horizon.helpdesk.autotask.AutotaskErrorClassifier.Call;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Horizon's one HTTP client for Autotask: sends a request, returns the JSON of a 2xx answer and turns everything else
 * into a classified {@link horizon.helpdesk.HelpdeskException}.
 *
 * <p>Redirects are never followed: a redirect could carry the credential headers to another host. Every call has an
 * overall deadline and a size cap ({@link BoundedExchange}), so a stalled answer cannot hold a thread.
 */
@Component
class AutotaskHttp {

    private static final Logger log = LoggerFactory.getLogger(AutotaskHttp.class);

    private final HttpClient client;
    private final AutotaskProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    AutotaskHttp(AutotaskProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET without credentials; only zoneInformation is called this way. */
    JsonNode getAnonymous(URI uri) {
        return send(Call.ZONE_DISCOVERY, "GET", uri, Map.of(), null);
    }

    /** An authenticated call; {@code headers} carry the credentials and are never logged. */
    JsonNode send(String method, URI uri, Map<String, String> headers, JsonNode body) {
        return send(Call.API, method, uri, headers, body);
    }

    JsonMapper json() {
        return json;
    }

    private JsonNode send(Call call, String method, URI uri, Map<String, String> headers, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json");
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
        } catch (IOException failure) {
            var classified = AutotaskErrorClassifier.classifyTransport(uri, failure, properties.requestTimeout());
            log.info("autotask {} {} failed kind={} retriable={}", method, pathOf(uri), classified.kind(), classified.retriable());
            throw classified;
        } catch (IllegalArgumentException | SecurityException failure) {
            throw AutotaskErrorClassifier.classifyTransport(uri, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw AutotaskErrorClassifier.classifyTransport(uri, new IOException("interrupted", interrupted),
                    properties.requestTimeout());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            var classified = AutotaskErrorClassifier.classify(call, status, response.body());
            log.info("autotask {} {} answered status={} kind={} retriable={}", method, pathOf(uri), status,
                    classified.kind(), classified.retriable());
            throw classified;
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException notJson) {
            throw AutotaskErrorClassifier.classify(call, 502, response.body());
        }
    }

    /** Path only: the query string of zoneInformation holds the user name. */
    private static String pathOf(URI uri) {
        return uri.getRawPath();
    }
}
