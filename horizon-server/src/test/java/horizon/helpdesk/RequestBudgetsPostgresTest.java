package horizon.helpdesk;

import horizon.testsupport.BudgetDatabase;
import horizon.testsupport.EmbeddedPostgresStore;
import javax.sql.DataSource;

/** The shared request budget on PostgreSQL 15, the store several nodes share. */
class RequestBudgetsPostgresTest extends RequestBudgetsCases {

    @Override
    DataSource newDatabase() {
        return BudgetDatabase.migratedByFlyway(EmbeddedPostgresStore.freshDatabaseUrl(), "postgres", "");
    }
}
