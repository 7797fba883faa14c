package horizon.simulator.core.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request as a simulated PSA sees it: method, decoded path segments, query, headers ignoring case, raw body. */
public final class Incoming {
    private final HttpExchange exchange;
    private final List<String> segments;
    private final Map<String, String> query;
    private byte[] body;

    Incoming(HttpExchange exchange) {
        this.exchange = exchange;
        List<String> parts = new ArrayList<>();
        for (String s : exchange.getRequestURI().getRawPath().split("/")) {
            if (!s.isEmpty()) {
                parts.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        this.segments = Collections.unmodifiableList(parts);
        this.query = Collections.unmodifiableMap(parseQuery(exchange.getRequestURI().getRawQuery()));
    }

    public String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    public List<String> segments() {
        return segments;
    }

    /** Decoded query parameters, keys in lower case. */
    public Map<String, String> query() {
        return query;
    }

    public String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    public String rawPath() {
        return exchange.getRequestURI().getRawPath();
    }

    /** A request header, its name matched ignoring case as HTTP defines; null when absent. */
    public String header(String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
            return value;
        }
        return exchange.getRequestHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** The body's bytes, read once. */
    public byte[] body() {
        if (body == null) {
            try {
                body = exchange.getRequestBody().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            result.put(URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return result;
    }
}
