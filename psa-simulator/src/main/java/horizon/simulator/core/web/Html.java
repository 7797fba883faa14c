package horizon.simulator.core.web;

import horizon.simulator.core.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulators' web pages (the PSAs' screens that frame integrations) share: escaping for HTML, JSON for a
 * {@code <script type="application/json">} element, the page shell, substitution of a URL's {@code [variables]}, and
 * the checks of the URLs and origins a setup record or a link may hold. Pages set no Content-Security-Policy and no
 * X-Frame-Options: they frame other origins, and nothing here stops that.
 */
public final class Html {
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\[([A-Za-z_][A-Za-z0-9_]*)]");

    private Html() {
    }

    /** Text for an element's content or a double-quoted attribute value: {@code & < > " '} escaped; null is empty. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JSON to put inside {@code <script type="application/json">}: {@code <}, {@code >}, {@code &} and the two line
     * separators JavaScript once refused are written as backslash-u escapes, so no value can close the element. They
     * only ever occur inside JSON strings, where the escape means the same character.
     */
    public static String scriptJson(JsonNode node) {
        return MAPPER.writeValueAsString(node).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /**
     * A whole page: the document shell with a title, a style sheet and the body; the body's parts are escaped by
     * their authors.
     */
    public static String document(String title, String css, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + css + "</style>\n</head>\n" + body + "</html>\n";
    }

    /** A JSON value as page text: empty for an absent or null value, else the value's text. */
    public static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    /** A text resource next to a class (a page's style sheet or script), read once by its caller. */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " of " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTML answer: never cached (a page may carry a freshly minted credential), no framing policy. */
    public static Reply reply(String endpoint, int status, String html) {
        return Reply.text(endpoint, status, CONTENT_TYPE, html).withHeader("Cache-Control", "no-store")
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * Replaces each {@code [name]} of the template whose name (ignoring case) is a key of {@code values} with the
     * value, URL-encoded; other bracketed text stays as it is.
     */
    public static String substitute(String template, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (matcher.find()) {
            String value = null;
            for (Map.Entry<String, String> entry : values.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(matcher.group(1))) {
                    value = entry.getValue();
                }
            }
            String replacement = value == null ? matcher.group() : URLEncoder.encode(value, StandardCharsets.UTF_8);
            matcher.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(sb);
        return sb.toString();
    }

    /**
     * Checks that a URL, its {@code [variables]} filled in, is an absolute http or https URL with a host; answers it
     * trimmed. Anything else (a {@code javascript:} URL, a relative one, one with characters a URL cannot hold) is
     * refused with an {@link IllegalArgumentException} naming the field.
     */
    public static String requireWebUrl(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(VARIABLE.matcher(trimmed).replaceAll("0"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an absolute http or https URL, was " + trimmed);
        }
        return trimmed;
    }

    /**
     * An origin as a browser serializes it ({@code scheme://host[:port]}, lower case, the default port left out): the
     * value {@code MessageEvent.origin} carries and {@code postMessage} takes. A trailing slash is dropped; a path,
     * query, user info, {@code *} or {@code null} is refused.
     */
    public static String requireOrigin(String field, String origin) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not an origin: " + origin);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must be an origin such as https://horizon.example.com:8443, was "
                    + origin);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
