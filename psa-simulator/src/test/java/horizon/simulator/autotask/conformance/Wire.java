package horizon.simulator.autotask.conformance;

import horizon.simulator.autotask.ApiUser;
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

/** Sends real HTTP requests to a simulated zone, the way an Autotask integration does, and records each exchange. */
final class Wire {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String apiBase;
    private final Map<String, String> headers;

    private Wire(String apiBase, Map<String, String> headers) {
        this.apiBase = apiBase;
        this.headers = Map.copyOf(headers);
    }

    /** A client of the user's own zone sending the three authentication headers the description declares. */
    static Wire as(ApiUser user) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ApiIntegrationCode", user.integrationCode());
        headers.put("UserName", user.userName());
        headers.put("Secret", user.secret());
        return new Wire(user.zoneApiUrl(), headers);
    }

    /** The same zone without any authentication header (zoneInformation is called that way). */
    Wire anonymous() {
        return new Wire(apiBase, Map.of());
    }

    Wire withSecret(String secret) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put("Secret", secret);
        return new Wire(apiBase, copy);
    }

    Exchange get(String path) {
        return send("GET", path, null);
    }

    Exchange post(String path, Object body) {
        return send("POST", path, body);
    }

    Exchange patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Exchange put(String path, Object body) {
        return send("PUT", path, body);
    }

    Exchange delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code GET V1.0/{collection}/query?search=} with the search JSON url-encoded. */
    Exchange searchGet(String collection, Object search) {
        return get("V1.0/" + collection + "/query?search=" + encode(search));
    }

    /**
     * The code of a picklist value by its label (the first value when label is null), read the documented way: from
     * {@code {collection}/entityInformation/fields}.
     */
    long picklistCode(String collection, String field, String label) {
        for (JsonNode f : get("V1.0/" + collection + "/entityInformation/fields").json().get("fields")) {
            if (f.get("name").asString().equalsIgnoreCase(field)) {
                for (JsonNode v : f.get("picklistValues")) {
                    if (label == null || v.get("label").asString().equals(label)) {
                        return Long.parseLong(v.get("value").asString());
                    }
                }
            }
        }
        throw new AssertionError(collection + "." + field + " has no picklist value " + label);
    }

    static String encode(Object value) {
        String text = value instanceof String s ? s : Exchange.JSON.writeValueAsString(value);
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Sends to a path relative to the zone's API base, or to an absolute URL such as a nextPageUrl. */
    Exchange send(String method, String pathOrUrl, Object body) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : apiBase + pathOrUrl);
        String text = body == null ? null : body instanceof String s ? s : Exchange.JSON.writeValueAsString(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        Map<String, String> sent = new LinkedHashMap<>(headers);
        if (text != null) {
            sent.put("Content-Type", "application/json");
        }
        sent.put("Accept", "application/json");
        sent.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Exchange(method, uri, sent, text, response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
