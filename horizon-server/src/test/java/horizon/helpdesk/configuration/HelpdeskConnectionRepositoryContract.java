package horizon.helpdesk.configuration;

import horizon.helpdesk.autotask.AutotaskCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import horizon.secret.SecretBox;
import javax.sql.DataSource;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** The helpdesk connection store, run once on H2 and once on PostgreSQL by its subclasses. */
abstract class HelpdeskConnectionRepositoryContract extends HorizonTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final HelpdeskZone ZONE = new HelpdeskZone("America East 2",
            "https://webservices14.autotask.net/ATServicesRest/", "https://ww14.autotask.net/");

    @Autowired
    HelpdeskConnectionRepository repository;

    @Autowired
    HelpdeskConnections connections;

    @Autowired
    SecretBox box;

    @Autowired
    DataSource dataSource;

    @Test
    void aSavedConnectionReadsBackFieldForField() {
        TestAccount acme = fixtures().account("Acme");
        HelpdeskConnection saved = connection(acme.id(), T0);
        repository.save(saved);
        assertThat(repository.find(acme.id())).contains(saved);
    }

    @Test
    void replacingAConnectionKeepsItsCreationTime() {
        TestAccount acme = fixtures().account("Acme");
        repository.save(connection(acme.id(), T0));
        HelpdeskConnection later = connection(acme.id(), T0.plus(2, ChronoUnit.HOURS));
        repository.save(new HelpdeskConnection(later.accountId(), later.kind(), later.sealedCredentials(),
                new HelpdeskZone("UK", "https://webservices4.autotask.net/ATServicesRest/", "https://ww4.autotask.net/"),
                later.resource(), later.lastTestAt(), true, null, later.lastSuccessAt(), later.budget(),
                later.database(), later.createdAt(), later.updatedAt()));
        HelpdeskConnection read = repository.find(acme.id()).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.updatedAt()).isEqualTo(T0.plus(2, ChronoUnit.HOURS));
        assertThat(read.zone().name()).isEqualTo("UK");
        assertThat(jdbc.sql("select count(*) from helpdesk_connections where account_id = :a").param("a", acme.id())
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aFailedTestKeepsTheLastSuccessAndSaysWhy() {
        TestAccount acme = fixtures().account("Acme");
        repository.save(connection(acme.id(), T0));
        Instant failedAt = T0.plus(1, ChronoUnit.DAYS);
        assertThat(repository.recordFailedTest(acme.id(), failedAt, "Secret wrong")).isTrue();
        HelpdeskConnection read = repository.find(acme.id()).orElseThrow();
        assertThat(read.lastTestOk()).isFalse();
        assertThat(read.lastTestAt()).isEqualTo(failedAt);
        assertThat(read.lastTestMessage()).isEqualTo("Secret wrong");
        assertThat(read.lastSuccessAt()).isEqualTo(T0);
    }

    @Test
    void oneAccountNeverSeesOrChangesAnothersConnection() {
        TestAccount acme = fixtures().account("Acme");
        TestAccount globex = fixtures().account("Globex");
        repository.save(connection(acme.id(), T0));
        assertThat(repository.find(globex.id())).isEmpty();
        assertThat(repository.recordFailedTest(globex.id(), T0, "nope")).isFalse();
        repository.saveSettings(globex.id(), new SyncSettings(true, false, false, false, false, false, 7, 60), T0);
        assertThat(repository.find(acme.id()).orElseThrow().lastTestOk()).isTrue();
        assertThat(repository.findSettings(acme.id())).isEmpty();
        assertThat(connections.settings(acme.id())).isEqualTo(SyncSettings.defaults());
    }

    @Test
    void syncSettingsAreInsertedThenReplaced() {
        TestAccount acme = fixtures().account("Acme");
        assertThat(repository.findSettings(acme.id())).isEmpty();
        SyncSettings first = new SyncSettings(true, true, false, true, false, true, 90, 600);
        repository.saveSettings(acme.id(), first, T0);
        assertThat(repository.findSettings(acme.id())).contains(first);
        SyncSettings second = new SyncSettings(false, false, false, false, false, true, 3650, 30);
        repository.saveSettings(acme.id(), second, T0.plusSeconds(60));
        assertThat(repository.findSettings(acme.id())).contains(second);
    }

    @Test
    void theSchemaRefusesSettingsThePageWouldRefuse() {
        TestAccount acme = fixtures().account("Acme");
        assertThatThrownBy(() -> repository.saveSettings(acme.id(),
                new SyncSettings(true, true, true, true, true, true, 30, 29), T0))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> repository.saveSettings(acme.id(),
                new SyncSettings(false, false, false, false, false, false, 30, 300), T0))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> repository.saveSettings(acme.id(),
                new SyncSettings(true, true, true, true, true, true, 3651, 300), T0))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void storedCredentialsAreSealedAndNoColumnHoldsThemInClear() {
        TestAccount acme = fixtures().account("Acme");
        var credentials = AutotaskCredentials.of("leakcheck-user@msp.example", "Leak-Check-Secret-93f1",
                "LEAKCHECKINTEGRATIONCODE27");
        connections.connect(acme.id(), HelpdeskKind.AUTOTASK, credentials, new ConnectionTestResult(ZONE,
                new HelpdeskResource(29683, "Horizon API"), new ApiBudget(12, 10_000, 60, T0), T0));

        List<Map<String, Object>> rows = jdbc.sql("select * from helpdesk_connections where account_id = :a")
                .param("a", acme.id()).query().listOfRows();
        assertThat(rows).hasSize(1);
        String everything = rows.get(0).values().toString();
        assertThat(everything).doesNotContain(credentials.value("secret"))
                .doesNotContain(credentials.value("integrationCode"))
                .doesNotContain(credentials.value("userName"));
        assertThat(rows.get(0).get("credentials_sealed").toString()).startsWith("v1:");
        assertThat(rows.get(0).get("secret_sealed")).isNull();

        ConnectionView view = connections.view(acme.id()).orElseThrow();
        assertThat(view.maskedIdentity()).isEqualTo("leak••••");
        assertThat(view.fields()).extracting(ConnectionView.MaskedField::shown)
                .containsExactly("leak••••", ConnectionView.SET, ConnectionView.SET);
        assertThat(view.toString()).doesNotContain(credentials.value("secret"))
                .doesNotContain(credentials.value("integrationCode"));
    }

    @Test
    void anEnvelopeCopiedToAnotherAccountDoesNotOpen() {
        TestAccount acme = fixtures().account("Acme");
        TestAccount globex = fixtures().account("Globex");
        var credentials = AutotaskCredentials.of("acme-user@msp.example", "acme-secret", "ACMECODE");
        connections.connect(acme.id(), HelpdeskKind.AUTOTASK, credentials, new ConnectionTestResult(ZONE,
                new HelpdeskResource(1, "A"), new ApiBudget(1, 10_000, 60, T0), T0));
        HelpdeskConnection stolen = repository.find(acme.id()).orElseThrow();
        repository.save(new HelpdeskConnection(globex.id(), stolen.kind(), stolen.sealedCredentials(), stolen.zone(),
                stolen.resource(), stolen.lastTestAt(), true, null, stolen.lastSuccessAt(), stolen.budget(), null, T0,
                T0));
        assertThat(connections.view(globex.id()).orElseThrow().maskedIdentity()).contains("unreadable");
        ConnectionTestOutcome retest = connections.retest(globex.id()).orElseThrow();
        assertThat(retest.failure().kind()).isEqualTo(HelpdeskException.Kind.CREDENTIALS_UNREADABLE);
        assertThat(repository.find(globex.id()).orElseThrow().lastTestOk()).isFalse();
    }

    @Test
    void connectionsStoredBeforeEnvelopesMoveIntoOneAndStillOpen() throws Exception {
        TestAccount acme = fixtures().account("Acme");
        TestAccount globex = fixtures().account("Globex");
        repository.save(connection(acme.id(), T0));
        repository.save(connection(globex.id(), T0));
        // As V3 stored them: three fields, each sealed under its own associated data.
        String aad = "account:" + acme.id() + ":helpdesk-";
        jdbc.sql("""
                        update helpdesk_connections set credentials_sealed = null, username_sealed = :u,
                               secret_sealed = :s, integration_code_sealed = :c where account_id = :a""")
                .param("u", box.seal("legacy-user@msp.example", aad + "username"))
                .param("s", box.seal("legacy-secret", aad + "secret"))
                .param("c", box.seal("LEGACYCODE", aad + "integration-code"))
                .param("a", acme.id()).update();
        // Sealed for another account: does not open, and stays as it was.
        jdbc.sql("""
                        update helpdesk_connections set credentials_sealed = null, username_sealed = :u,
                               secret_sealed = :u, integration_code_sealed = :u where account_id = :a""")
                .param("u", box.seal("x", aad + "username")).param("a", globex.id()).update();

        try (var connection = dataSource.getConnection()) {
            new V17__SealCredentialsAsOneEnvelope(box).migrate(new org.flywaydb.core.api.migration.Context() {
                @Override
                public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
                    return null;
                }

                @Override
                public java.sql.Connection getConnection() {
                    return connection;
                }
            });
        }

        assertThat(connections.credentials(acme.id()).orElseThrow())
                .isEqualTo(AutotaskCredentials.of("legacy-user@msp.example", "legacy-secret", "LEGACYCODE"));
        Map<String, Object> moved = jdbc.sql("select * from helpdesk_connections where account_id = :a")
                .param("a", acme.id()).query().singleRow();
        assertThat(moved.get("username_sealed")).isNull();
        assertThat(moved.get("secret_sealed")).isNull();
        assertThat(moved.get("integration_code_sealed")).isNull();
        Map<String, Object> kept = jdbc.sql("select * from helpdesk_connections where account_id = :a")
                .param("a", globex.id()).query().singleRow();
        assertThat(kept.get("credentials_sealed")).isNull();
        assertThat(kept.get("username_sealed")).isNotNull();
        assertThat(connections.view(globex.id()).orElseThrow().maskedIdentity()).contains("unreadable");
        assertThat(connections.retest(globex.id()).orElseThrow().failure().kind())
                .isEqualTo(HelpdeskException.Kind.CREDENTIALS_UNREADABLE);
    }

    private static HelpdeskConnection connection(long accountId, Instant at) {
        return new HelpdeskConnection(accountId, HelpdeskKind.AUTOTASK,
                "v1:k:envelope", ZONE,
                new HelpdeskResource(29683, "Horizon API"), at, true, null, at,
                new ApiBudget(124, 10_000, 60, at),
                new horizon.helpdesk.HelpdeskDatabase("autotask:ci:29683", "Autotask database 29683 (America East 2)"),
                T0, at);
    }
}
