package horizon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import horizon.testsupport.HorizonTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EmbeddedStoreConnectionsTest extends HorizonTest {

    @Autowired
    DataSource dataSource;

    /** Why: H2 checks a constraint through the session that created it, and fails once that session is closed. */
    @Test
    void h2ChecksAConstraintThroughTheSessionThatCreatedIt() throws SQLException {
        String url = "jdbc:h2:mem:check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection keep = DriverManager.getConnection(url, "sa", "")) {
            try (Connection ddl = DriverManager.getConnection(url, "sa", "")) {
                ddl.createStatement().execute("create table t (role varchar(16) check (role in ('ADMIN', 'AGENT')))");
            }
            assertThatThrownBy(() -> keep.createStatement().execute("insert into t values ('ADMIN')"))
                    .hasMessageContaining("Check constraint invalid");
        }
    }

    @Test
    void theEmbeddedStoresPoolKeepsItsConnectionsAndOthersKeepTheirLifetime() {
        assertThat(((HikariDataSource) dataSource).getMaxLifetime()).isZero();
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl("jdbc:postgresql://db.example/horizon");
        long lifetime = postgres.getMaxLifetime();
        new EmbeddedStoreConnections().postProcessBeforeInitialization(postgres, "dataSource");
        assertThat(postgres.getMaxLifetime()).isEqualTo(lifetime).isPositive();
    }
}
