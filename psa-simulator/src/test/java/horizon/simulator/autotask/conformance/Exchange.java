package horizon.simulator.autotask.conformance;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP request as it went on the wire and the simulator's answer to it, kept whole so that both halves can be
 * checked against the Swagger description.
 *
 * @param method          HTTP method
 * @param uri             the absolute URI that was called
 * @param requestHeaders  headers the client set (the JDK client adds none that the description declares)
 * @param requestBody     the JSON text sent, or null
 * @param status          response status
 * @param responseHeaders response headers as received
 * @param responseBody    the response text, empty when there was none
 */
record Exchange(String method, URI uri, Map<String, String> requestHeaders, String requestBody, int status,
                Map<String, List<String>> responseHeaders, String responseBody) {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The request path from the API base on, as the description names it: {@code /ATServicesRest/V1.0/...}. */
    String path() {
        return uri.getRawPath();
    }

    /** Decoded query parameters; Autotask's calls never repeat a parameter. */
    Map<String, String> queryParams() {
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

    /** The response body as JSON; fails the test when the simulator sent something that is no JSON. */
    JsonNode json() {
        return JSON.readTree(responseBody);
    }

    /** A one-line description for assertion messages. */
    String describe() {
        String body = responseBody.length() > 400 ? responseBody.substring(0, 400) + "..." : responseBody;
        return method + " " + uri + (requestBody == null ? "" : " " + requestBody) + " -> " + status + " " + body;
    }
}
