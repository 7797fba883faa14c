package horizon.helpdesk.connectwise;

import horizon.testsupport.BudgetDatabase;
import horizon.testsupport.EmbeddedPostgresStore;
import javax.sql.DataSource;

/** The shared per-minute allowance on PostgreSQL 15, the store several nodes share. */
class SharedMinuteAllowancePostgresTest extends SharedMinuteAllowanceCases {

    @Override
    DataSource newDatabase() {
        return BudgetDatabase.migratedByFlyway(EmbeddedPostgresStore.freshDatabaseUrl(), "postgres", "");
    }
}
