package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.account.Accounts;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.testsupport.SimulatedPsa;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/** Accounts for the tests that run whole Horizon nodes through a backfill, and the requests they cost. */
final class BackfillAccounts {

    private BackfillAccounts() {
    }

    /** A new account with its first admin; returns its id. */
    static long open(ConfigurableApplicationContext context, String name) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return context.getBean(Accounts.class).openAccount(name + " " + unique, "admin@" + unique + ".test",
                "Admin " + unique, "admin-pass-" + unique).accountId();
    }

    /**
     * Connects the account to the simulated PSA with every entity and the given ingest window. Its first poll and full
     * comparison are marked as just done, so request counters measure the backfill alone.
     */
    static void connect(ConfigurableApplicationContext context, SimulatedPsa psa, long accountId, int windowDays) {
        HelpdeskConnections connections = context.getBean(HelpdeskConnections.class);
        Instant now = context.getBean(Clock.class).instant();
        SyncScheduleRepository schedule = context.getBean(SyncScheduleRepository.class);
        schedule.stamp(accountId, SyncingAccount.POLL_JOB, now);
        schedule.stamp(accountId, SyncingAccount.RECONCILE_JOB, now);
        assertThat(connections.saveSettings(accountId,
                new SyncSettings(true, true, true, true, true, true, windowDays, 300))).isEmpty();
        ConnectionTestOutcome outcome = connections.test(psa.kind(), psa.credentials());
        assertThat(outcome.ok()).as("connection test: %s", outcome.failure()).isTrue();
        connections.connect(accountId, psa.kind(), psa.credentials(), outcome.result());
    }

    /** Node arguments that point Horizon at the simulated PSA. */
    static List<String> arguments(SimulatedPsa psa) {
        return psa.properties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
