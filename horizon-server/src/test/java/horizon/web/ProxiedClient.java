package horizon.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * What a TLS-terminating proxy sends Horizon: plain HTTP, with the headers the test names on every request. It keeps
 * the session cookie by hand (a cookie jar would not send a {@code Secure} cookie over plain HTTP, as the browser
 * behind the proxy does over https) and every {@code Set-Cookie} Horizon answered.
 */
final class ProxiedClient {

    /** One answer: status, where a redirect points (null for none), the body, and the headers. */
    record Answer(int status, String location, String body, HttpHeaders headers) {

        /** The header's value, null when absent. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final Map<String, String> forwarded;
    private final List<String> setCookies = new ArrayList<>();
    private String session;

    ProxiedClient(String baseUrl, Map<String, String> forwarded) {
        this.baseUrl = baseUrl;
        this.forwarded = Map.copyOf(forwarded);
    }

    /** Signs in by the login form, CSRF token included; returns the answer to the form post. */
    Answer signIn(String email, String password) {
        String login = get("/login").body();
        String csrf = Jsoup.parse(login).selectFirst("input[name=_csrf]").attr("value");
        String form = "username=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
        return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    /** Every session cookie Horizon set so far, attributes included, e.g. {@code JSESSIONID=…; Path=/; HttpOnly}. */
    List<String> sessionCookies() {
        return setCookies.stream().filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        forwarded.forEach(request::header);
        if (session != null) {
            request.header("Cookie", session);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                setCookies.add(cookie);
                if (cookie.startsWith("JSESSIONID=")) {
                    session = cookie.substring(0, cookie.indexOf(';'));
                }
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
