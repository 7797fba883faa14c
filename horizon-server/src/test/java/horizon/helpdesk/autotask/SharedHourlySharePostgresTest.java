package horizon.helpdesk.autotask;

import horizon.testsupport.BudgetDatabase;
import horizon.testsupport.EmbeddedPostgresStore;
import javax.sql.DataSource;

/** The shared hourly share on PostgreSQL 15, the store several nodes share. */
class SharedHourlySharePostgresTest extends SharedHourlyShareCases {

    @Override
    DataSource newDatabase() {
        return BudgetDatabase.migratedByFlyway(EmbeddedPostgresStore.freshDatabaseUrl(), "postgres", "");
    }
}
