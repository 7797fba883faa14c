package horizon.helpdesk.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskDatabase;
import horizon.helpdesk.HelpdeskKind;
import org.junit.jupiter.api.Test;

class DatabaseChangeTest {

    private static final HelpdeskDatabase ACME = new HelpdeskDatabase("autotask:ci:29683", "Autotask database 29683");
    private static final HelpdeskDatabase GLOBEX = new HelpdeskDatabase("autotask:ci:31002", "Autotask database 31002");

    @Test
    void anotherDatabaseOfTheSamePsaIsAChange() {
        assertThat(DatabaseChange.between(HelpdeskKind.AUTOTASK, ACME, HelpdeskKind.AUTOTASK, GLOBEX)).isTrue();
    }

    @Test
    void theSameDatabaseIsNoChangeWhateverTheCaseOfItsKey() {
        assertThat(DatabaseChange.between(HelpdeskKind.AUTOTASK, ACME, HelpdeskKind.AUTOTASK,
                new HelpdeskDatabase("AUTOTASK:CI:29683", "Autotask database 29683 (America East)"))).isFalse();
    }

    @Test
    void anotherPsaIsAlwaysAChange() {
        assertThat(DatabaseChange.between(HelpdeskKind.AUTOTASK, null, HelpdeskKind.CONNECTWISE_MANAGE,
                new HelpdeskDatabase("connectwise:na.myconnectwise.net/acme", "ConnectWise company acme"))).isTrue();
    }

    @Test
    void aDatabaseNeverRecordedIsTakenAsTheSameOne() {
        assertThat(DatabaseChange.between(HelpdeskKind.AUTOTASK, null, HelpdeskKind.AUTOTASK, GLOBEX)).isFalse();
        assertThat(DatabaseChange.between(HelpdeskKind.AUTOTASK, ACME, HelpdeskKind.AUTOTASK, null)).isFalse();
    }

    @Test
    void theAdminConfirmsWithTheNewDatabasesKey() {
        DatabaseChange change = new DatabaseChange(HelpdeskKind.AUTOTASK, ACME, HelpdeskKind.AUTOTASK, GLOBEX);
        assertThat(change.confirmation()).isEqualTo("autotask:ci:31002");
        assertThat(change.question()).startsWith("These credentials reach Autotask database 31002, not Autotask "
                + "database 29683.");
    }
}
