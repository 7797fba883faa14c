package horizon.sync;

import horizon.testsupport.EmbeddedPostgresStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Backfill resume on PostgreSQL 15: both nodes use one database of the embedded server. */
class BackfillResumePostgresTest extends BackfillResumeCases {

    private String url;

    @Override
    protected String databaseUrl() {
        if (url == null) {
            String name = "resume_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection connection = EmbeddedPostgresStore.server().getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create database " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            url = EmbeddedPostgresStore.server().getJdbcUrl("postgres", name);
        }
        return url;
    }

    @Override
    protected String databaseUser() {
        return "postgres";
    }
}
