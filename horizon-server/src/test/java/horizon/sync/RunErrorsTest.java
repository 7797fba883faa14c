package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;

class RunErrorsTest {

    @Test
    void aHelpdeskFailureIsToldInTheAdaptersWords() {
        HelpdeskException failure = HelpdeskException.answered(HelpdeskException.Kind.PERMISSION,
                "Autotask refused to list TicketNotes: the API user's security level lacks it.", 403,
                "Unauthorized");
        assertThat(RunErrors.describe(failure, 7)).isEqualTo("Permission missing: Autotask refused to list "
                + "TicketNotes: the API user's security level lacks it.");
    }

    @Test
    void anInternalFailureShowsItsTypeNeverItsMessage() {
        RuntimeException sql = new BadSqlGrammarException("upsert", "merge into tickets t using (select "
                + "secret_envelope from helpdesk_connections) s", new java.sql.SQLException("Column SECRET not found"));
        String told = RunErrors.describe(sql, 42);
        assertThat(told).contains("BadSqlGrammarException", "server log", "run 42")
                .doesNotContain("select", "merge", "secret", "SECRET", "helpdesk_connections");
        assertThat(RunErrors.describe(new IllegalStateException("/var/lib/horizon/master.key unreadable")))
                .contains("IllegalStateException").doesNotContain("master.key", "under run");
    }

    @Test
    void failuresHorizonWordsForAdminsAreToldAsWorded() {
        assertThat(RunErrors.describe(new SyncingOneTicket.TicketNotFound("The helpdesk has no ticket with the number "
                + "\"T1.2\"."), 3)).isEqualTo("The helpdesk has no ticket with the number \"T1.2\".");
        assertThat(RunErrors.describe(new horizon.secret.SecretBoxException("Sealed with master key ab12cd34, but this "
                + "node holds key ef56ab78"))).contains("ab12cd34", "ef56ab78");
    }
}
