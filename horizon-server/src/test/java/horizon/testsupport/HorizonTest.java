package horizon.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of Horizon's Spring Boot tests: the whole application on a random port over an in-memory H2 store. Every subclass
 * that adds no properties of its own shares one cached context, so the suite starts Spring only a few times; tests
 * therefore create their own accounts ({@link Fixtures}) instead of expecting an empty database.
 *
 * <p>To run the same tests on PostgreSQL, subclass with a static {@code @DynamicPropertySource} that calls
 * {@link EmbeddedPostgresStore#register} and mark the class {@code @DirtiesContext}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=" + HorizonTest.H2_URL,
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "horizon.master-key=" + HorizonTest.MASTER_KEY,
        "horizon.previous-master-keys=" + HorizonTest.ROTATED_MASTER_KEY,
        "horizon.data-dir=target/test-data",
        "db-scheduler.polling-interval=1s",
        "horizon.demo.enabled=false",
        "horizon.metrics.token=" + HorizonTest.METRICS_TOKEN,
        "spring.thymeleaf.cache=false"})
public abstract class HorizonTest {

    public static final String H2_URL =
            "jdbc:h2:mem:horizon;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    /** The scrape token of the tests' nodes. */
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";
    /** A fixed test master key (32 bytes of 0x01..0x20), never used outside tests. */
    public static final String MASTER_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    /**
     * A second fixed test key (bytes 0x21..0x40, id 7eee5800) every test node also opens with: the key rotation test
     * re-seals the shared store with it, and the other tests' stored secrets must keep opening.
     */
    public static final String ROTATED_MASTER_KEY = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected JdbcClient jdbc;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected Fixtures fixtures() {
        return new Fixtures(context);
    }

    /** A cookie-keeping client that signs in by form and sends the CSRF token like a browser. */
    protected WebSession web() {
        return new WebSession(baseUrl());
    }

    /** A GET on the REST API with an optional bearer token. */
    protected HttpResponse<String> apiGet(String path, String token) {
        return api("GET", path, token, null);
    }

    /** A call on the REST API with a JSON body (null for none) and an optional bearer token. */
    protected HttpResponse<String> api(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
