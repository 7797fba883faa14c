package horizon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the PSA-parametrized suites share: pointing a context at the simulators, and connecting an account. */
public final class PsaSuite {

    private PsaSuite() {
    }

    /**
     * Points a test context at every simulator, on an H2 database of its own named after {@code ownH2} (null: the
     * store the context already has).
     */
    public static void register(DynamicPropertyRegistry registry, List<SimulatedPsa> psas, String ownH2) {
        psas.forEach(psa -> psa.properties().forEach((name, value) -> registry.add(name, () -> value)));
        if (ownH2 != null) {
            String url = "jdbc:h2:mem:" + ownH2 + "-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            registry.add("spring.datasource.url", () -> url);
        }
    }

    /** Connects the account to the PSA with these settings, as Connect does, and waits for its backfill. */
    public static void connect(HelpdeskConnections connections, JdbcClient jdbc, long accountId, SimulatedPsa psa,
                               SyncSettings settings, Duration wait) {
        assertThat(connections.saveSettings(accountId, settings)).isEmpty();
        ConnectionTestOutcome outcome = connections.test(psa.kind(), psa.credentials());
        assertThat(outcome.ok()).as("connection test: %s", outcome.failure()).isTrue();
        connections.connect(accountId, psa.kind(), psa.credentials(), outcome.result());
        await().atMost(wait).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
                        select count(*) from sync_runs where account_id = :id and kind = 'BACKFILL'
                           and state = 'SUCCEEDED'""").param("id", accountId).query(Long.class).single() == 1);
    }
}
