package horizon.helpdesk.connectwise;

import horizon.testsupport.BudgetDatabase;
import javax.sql.DataSource;

/** The shared per-minute allowance on the embedded H2 store (PostgreSQL mode). */
class SharedMinuteAllowanceH2Test extends SharedMinuteAllowanceCases {

    @Override
    DataSource newDatabase() {
        return BudgetDatabase.migratedByFlyway(BudgetDatabase.freshH2Url(), "sa", "");
    }
}
