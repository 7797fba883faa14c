package horizon.testsupport;

import horizon.helpdesk.RequestBudgets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A database holding only the rate gates' request budgets, for adapters wired by hand without Spring: a fresh in-memory
 * H2 (PostgreSQL mode, as Horizon runs it) per call, so no two tests share a tenant's budget.
 */
public final class BudgetDatabase {

    /** The migration that makes the budget tables. */
    public static final String MIGRATION = "db/migration/V26__psa_request_budgets.sql";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private BudgetDatabase() {
    }

    /** A new, empty budget store of its own. */
    public static RequestBudgets fresh() {
        return new RequestBudgets(migrated(freshH2()));
    }

    /** A new, empty in-memory H2 database in PostgreSQL mode. */
    public static DataSource freshH2() {
        return new SimpleDriverDataSource(new org.h2.Driver(), freshH2Url(), "sa", "");
    }

    /** The URL of a new, empty in-memory H2 database in PostgreSQL mode, as Horizon's embedded store. */
    public static String freshH2Url() {
        return "jdbc:h2:mem:budgets-" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /** The database at {@code url} with all of Horizon's migrations applied by Flyway, as a starting node does. */
    public static DataSource migratedByFlyway(String url, String user, String password) {
        DataSource dataSource = new DriverManagerDataSource(url, user, password);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /** Makes the budget tables in {@code dataSource}, as Flyway's migration does. */
    public static DataSource migrated(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource(MIGRATION)).execute(dataSource);
        return dataSource;
    }
}
