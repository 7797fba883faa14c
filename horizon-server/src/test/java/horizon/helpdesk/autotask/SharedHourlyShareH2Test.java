package horizon.helpdesk.autotask;

import horizon.testsupport.BudgetDatabase;
import javax.sql.DataSource;

/** The shared hourly share on the embedded H2 store (PostgreSQL mode). */
class SharedHourlyShareH2Test extends SharedHourlyShareCases {

    @Override
    DataSource newDatabase() {
        return BudgetDatabase.migratedByFlyway(BudgetDatabase.freshH2Url(), "sa", "");
    }
}
