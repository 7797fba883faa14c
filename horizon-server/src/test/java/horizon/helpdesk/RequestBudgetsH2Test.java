package horizon.helpdesk;

import horizon.testsupport.BudgetDatabase;
import javax.sql.DataSource;

/** The shared request budget on the embedded H2 store (PostgreSQL mode). */
class RequestBudgetsH2Test extends RequestBudgetsCases {

    @Override
    DataSource newDatabase() {
        return BudgetDatabase.migratedByFlyway(BudgetDatabase.freshH2Url(), "sa", "");
    }
}
