package horizon.simulator.autotask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small Autotask REST client over real HTTP for the tests: headers, JSON bodies, status and parsed body. */
public final class ApiClient {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** A response: status, raw body text and the body parsed as JSON (null when it is no JSON). */
    public record Response(int status, String text, JsonNode json) {
        public String firstError() {
            return json == null ? null : json.path("errors").path(0).asString(null);
        }
    }

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client for the user's own zone with the user's credentials. */
    public static ApiClient of(ApiUser user) {
        return new ApiClient(user.zoneApiUrl()).header("ApiIntegrationCode", user.integrationCode())
                .header("UserName", user.userName()).header("Secret", user.secret());
    }

    public ApiClient header(String name, String value) {
        ApiClient copy = new ApiClient(baseUrl);
        copy.headers.putAll(headers);
        if (value == null) {
            copy.headers.remove(name);
        } else {
            copy.headers.put(name, value);
        }
        return copy;
    }

    public ApiClient withBase(String newBase) {
        ApiClient copy = new ApiClient(newBase);
        copy.headers.putAll(headers);
        return copy;
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

    /** GET {Entity}/query?search= with the search JSON url-encoded. */
    public Response query(String entity, Object search) {
        return get("V1.0/" + entity + "/query?search=" + encode(search));
    }

    public static String encode(Object search) {
        String text = search instanceof String s ? s : JSON.writeValueAsString(search);
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Sends to a path relative to the base, or to an absolute URL (a nextPageUrl). */
    public Response send(String method, String pathOrUrl, Object body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl;
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).method(method, publisher)
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (RuntimeException e) {
                json = null;
            }
            return new Response(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
