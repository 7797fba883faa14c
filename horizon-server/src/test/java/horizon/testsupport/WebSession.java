package horizon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser-like HTTP client without a browser: keeps cookies, picks up the CSRF token from each page it reads and
 * sends it with the next form post. Redirects are not followed unless asked, so tests can see them.
 */
public final class WebSession {

    /** One answer: status, body, and where a redirect points. */
    public record Page(int status, String body, String location, String contentType) {
        public Document html() {
            return Jsoup.parse(body);
        }

        public boolean redirectsTo(String pathPrefix) {
            return (status == 302 || status == 303) && location != null
                    && URI.create(location).getPath().startsWith(pathPrefix);
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private String csrf;

    public WebSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in by the login form; returns the answer to the form post (a redirect either way). */
    public Page login(String email, String password) {
        get("/login");
        Page answer = post("/login", Map.of("username", email, "password", password));
        if (answer.redirectsTo("/") && !answer.redirectsTo("/login")) {
            follow(answer); // picks up the CSRF token that login rotated
        }
        return answer;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET, following redirects within Horizon. */
    public Page open(String path) {
        return follow(get(path));
    }

    public Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 5 && current.location() != null && current.status() / 100 == 3; hops++) {
            current = get(current.location());
        }
        return current;
    }

    /** Posts a form with the CSRF token of the last page read. */
    public Page post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null && !fields.containsKey("_csrf")) {
            fields.put("_csrf", csrf);
        }
        return postRaw(path, fields);
    }

    /** Posts exactly the given fields, without adding a CSRF token. */
    public Page postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public String csrfToken() {
        return csrf;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            Page page = new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null), type);
            if (type.startsWith("text/html")) {
                Element meta = page.html().selectFirst("meta[name=_csrf]");
                Element input = page.html().selectFirst("input[name=_csrf]");
                if (meta != null) {
                    csrf = meta.attr("content");
                } else if (input != null) {
                    csrf = input.attr("value");
                }
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
