package horizon.simulator.connectwise.conformance;

import horizon.simulator.connectwise.ConnectWiseSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends real HTTP requests to a simulated ConnectWise site the way an integration does (Basic
 * {@code companyId+publicKey:privateKey}, a {@code clientId} header, a versioned {@code Accept}) and records each
 * exchange.
 */
final class Wire {
    static final String VERSIONED_JSON = "application/vnd.connectwise.com+json; version=2026.4";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String apiBase;
    private final Map<String, String> headers;

    private Wire(String apiBase, Map<String, String> headers) {
        this.apiBase = apiBase;
        this.headers = Map.copyOf(headers);
    }

    /** The API member of the simulated site, with its clientId, asking for model version 2026.4. */
    static Wire as(ConnectWiseSimulator sim) {
        var member = sim.apiMember();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", basic(member.companyId() + "+" + member.publicKey(), member.privateKey()));
        headers.put("clientId", sim.clientId());
        headers.put("Accept", VERSIONED_JSON);
        return new Wire(sim.apiUrl(), headers);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same client with one header set (or replaced). */
    Wire with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return new Wire(apiBase, copy);
    }

    /** The same client without one header. */
    Wire without(String header) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(header);
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

    /** A query parameter's value, percent-encoded (spaces as %20, as ConnectWise's own clients send them). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends to a path relative to the API base ({@code service/tickets?...}) or to an absolute URL (a Link). */
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
