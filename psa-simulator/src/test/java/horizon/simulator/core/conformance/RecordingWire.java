package horizon.simulator.core.conformance;

import horizon.simulator.core.JsonHttpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends real HTTP requests to a simulator the way an integration does and records each exchange whole. A subclass
 * sets its PSA's authentication headers and adds its PSA's calls.
 *
 * @param <W> the PSA's wire type, returned by the copying methods
 */
public abstract class RecordingWire<W extends RecordingWire<W>> {
    private final String apiBase;
    private final Map<String, String> headers;

    protected RecordingWire(String apiBase, Map<String, String> headers) {
        this.apiBase = apiBase;
        this.headers = Map.copyOf(headers);
    }

    /** The same kind of wire to that API base with those headers, in that order. */
    protected abstract W copy(String apiBase, Map<String, String> headers);

    /** The same client with one header set (or replaced). */
    public W with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return copy(apiBase, copy);
    }

    /** The same client without one header. */
    public W without(String header) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(header);
        return copy(apiBase, copy);
    }

    public Exchange get(String path) {
        return send("GET", path, null);
    }

    public Exchange post(String path, Object body) {
        return send("POST", path, body);
    }

    public Exchange patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Exchange put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Exchange delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends to a path relative to the API base or to an absolute URL (a next page's URL or Link). */
    public Exchange send(String method, String pathOrUrl, Object body) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : apiBase + pathOrUrl);
        String text = body == null ? null : body instanceof String s ? s : Exchange.JSON.writeValueAsString(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        Map<String, String> sent = new LinkedHashMap<>(headers);
        if (text != null) {
            sent.put("Content-Type", "application/json");
        }
        sent.forEach(builder::header);
        HttpResponse<String> response = JsonHttpClient.call(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Exchange(method, uri, sent, text, response.statusCode(), response.headers().map(), response.body());
    }
}
