package horizon.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL 15 (zonky's embedded binaries) for tests, started once per JVM. Each registration gets its own new
 * database, so every PostgreSQL test class migrates from scratch. The server is not closed by tests: cached contexts
 * may still poll it, and zonky's shutdown hook stops it when the JVM exits.
 */
public final class EmbeddedPostgresStore {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresStore() {
    }

    /** Points the test context's data source at a fresh database; call from a static @DynamicPropertySource. */
    public static void register(DynamicPropertyRegistry registry) {
        String url = freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /** Creates a new, empty database on the shared server and returns its JDBC URL (user postgres, no password). */
    public static String freshDatabaseUrl() {
        return server().getJdbcUrl("postgres", createDatabase());
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    private static String createDatabase() {
        String name = "horizon_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return name;
    }
}
