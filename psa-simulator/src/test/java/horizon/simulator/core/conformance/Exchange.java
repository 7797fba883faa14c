package horizon.simulator.core.conformance;

import horizon.simulator.core.JsonHttpClient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP request as it went on the wire and the simulator's answer to it, kept whole so that both halves can be
 * checked against the PSA's API description.
 *
 * @param method          HTTP method
 * @param uri             the absolute URI that was called
 * @param requestHeaders  headers the client set (the JDK client adds none that a description declares)
 * @param requestBody     the JSON text sent, or null
 * @param status          response status
 * @param responseHeaders response headers as received
 * @param responseBody    the response text, empty when there was none
 */
public record Exchange(String method, URI uri, Map<String, String> requestHeaders, String requestBody, int status,
                       Map<String, List<String>> responseHeaders, String responseBody) {
    public static final JsonMapper JSON = JsonHttpClient.JSON;
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");

    /** The request path as sent, from the API's root path on (as the description names it). */
    public String path() {
        return uri.getRawPath();
    }

    /** Decoded query parameters; the suites' calls never repeat a parameter. */
    public Map<String, String> queryParams() {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** A response header's first value, its name matched ignoring case; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The URL of one relation of the RFC 5988 {@code Link} header (first, prev, next, last), if there is one. */
    public Optional<String> link(String rel) {
        String link = header("Link");
        if (link == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(link);
        while (m.find()) {
            if (m.group(2).equals(rel)) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The response body as JSON; fails the test when the simulator sent something that is no JSON. */
    public JsonNode json() {
        return JSON.readTree(responseBody);
    }

    /** A one-line description for assertion messages. */
    public String describe() {
        String body = responseBody.length() > 400 ? responseBody.substring(0, 400) + "..." : responseBody;
        return method + " " + uri + (requestBody == null ? "" : " " + requestBody) + " -> " + status + " " + body;
    }
}
