package horizon.simulator.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-over-HTTP test client both simulators' REST clients build on: immutable headers, JSON bodies, status,
 * headers and parsed body. A subclass adds only its PSA's authentication and calls.
 *
 * @param <C> the PSA's client type, returned by the copying methods
 */
public abstract class JsonHttpClient<C extends JsonHttpClient<C>> {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    /** A response: status, headers, raw body and the body parsed as JSON (null when it is none or no JSON). */
    public record Response(int status, HttpHeaders headers, String text, JsonNode json) {
        /** A header's first value, its name matched ignoring case; null when absent. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The first entry of the body's {@code errors} array when it is text; null otherwise. */
        public String firstError() {
            return json == null ? null : json.path("errors").path(0).asString(null);
        }
    }

    protected JsonHttpClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = new LinkedHashMap<>(headers);
    }

    /** The same kind of client with that base and those headers. */
    protected abstract C copy(String baseUrl, Map<String, String> headers);

    /** The same client with one header set, replaced, or (value null) removed. */
    public C header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy(baseUrl, copy);
    }

    /** The same client against another base URL. */
    public C withBase(String newBase) {
        return copy(newBase, headers);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * Sends to a path relative to the base, or to an absolute URL (a next page, a key URL). A body goes as JSON with
     * {@code Content-Type: application/json} unless the client's headers already name a Content-Type.
     */
    public Response send(String method, String pathOrUrl, Object body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        if (body != null && !headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        byte[] bytes = body == null ? new byte[0]
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        HttpResponse<String> response = call(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            // an HTML error page
        }
        return new Response(response.statusCode(), response.headers(), response.body(), json);
    }

    /** Sends one request with the tests' shared JDK client; I/O failures and interrupts fail the test unchecked. */
    public static <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
