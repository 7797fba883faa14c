package horizon.sync;

import horizon.helpdesk.autotask.AutotaskCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.account.Accounts;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorCounters;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/** Accounts for the tests that run whole Horizon nodes through a backfill, and the requests they cost. */
final class BackfillAccounts {

    /** Endpoints whose pages a backfill checkpoints. */
    static final List<String> PAGED = List.of("Tickets", "TicketNotes", "TimeEntries");

    private BackfillAccounts() {
    }

    /** A new account with its first admin; returns its id. */
    static long open(ConfigurableApplicationContext context, String name) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return context.getBean(Accounts.class).openAccount(name + " " + unique, "admin@" + unique + ".test",
                "Admin " + unique, "admin-pass-" + unique).accountId();
    }

    /**
     * Connects the account to the simulator with every entity and the given ingest window. Its first poll and full
     * comparison are marked as just done, so request counters measure the backfill alone.
     */
    static void connect(ConfigurableApplicationContext context, AutotaskSimulator simulator, long accountId,
                        int windowDays) {
        HelpdeskConnections connections = context.getBean(HelpdeskConnections.class);
        Instant now = context.getBean(Clock.class).instant();
        SyncScheduleRepository schedule = context.getBean(SyncScheduleRepository.class);
        schedule.stamp(accountId, SyncingAccount.POLL_JOB, now);
        schedule.stamp(accountId, SyncingAccount.RECONCILE_JOB, now);
        assertThat(connections.saveSettings(accountId,
                new SyncSettings(true, true, true, true, true, true, windowDays, 300))).isEmpty();
        ApiUser user = simulator.apiUser();
        var credentials = AutotaskCredentials.of(user.userName(), user.secret(), user.integrationCode());
        ConnectionTestOutcome outcome = connections.test(HelpdeskKind.AUTOTASK, credentials);
        assertThat(outcome.ok()).isTrue();
        connections.connect(accountId, HelpdeskKind.AUTOTASK, credentials, outcome.result());
    }

    /** Requests the simulator answered on the paged endpoints, whatever their status. */
    static long pagedRequests(SimulatorCounters counters) {
        return PAGED.stream().mapToLong(endpoint -> counters.requests().getOrDefault(endpoint, Map.of()).values()
                .stream().mapToLong(Long::longValue).sum()).sum();
    }
}
