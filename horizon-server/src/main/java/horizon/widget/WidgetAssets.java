package horizon.widget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The widgets' script and style, served from Horizon under {@code /widgets/assets/} with a version made of their
 * content, so a browser keeps them for a year and a new build's pages ask for the new ones: a warm widget loads only
 * its page, one token request and one data request.
 */
@Component
class WidgetAssets implements WebMvcConfigurer {

    private static final String LOCATION = "widget/assets/";
    private static final List<String> FILES = List.of("widget.js", "widget.css", "sign-in.js");

    private final Map<String, String> urls = new LinkedHashMap<>();

    WidgetAssets() {
        for (String file : FILES) {
            urls.put(file, "/widgets/assets/" + file + "?v=" + version(file));
        }
    }

    /** The versioned URL of one asset, e.g. {@code /widgets/assets/widget.js?v=1a2b3c4d5e6f}. */
    public String url(String file) {
        String url = urls.get(file);
        if (url == null) {
            throw new IllegalArgumentException("no widget asset " + file);
        }
        return url;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/widgets/assets/**")
                .addResourceLocations("classpath:/" + LOCATION)
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    private static String version(String file) {
        try (InputStream in = new ClassPathResource(LOCATION + file).getInputStream()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("widget asset " + file + " is missing from the build", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
