package horizon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import horizon.testsupport.HorizonTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** Migrations and the account, user and token repositories; run on H2 and on PostgreSQL by the subclasses. */
abstract class AccountStoreContract extends HorizonTest {

    @Autowired
    AccountRepository accounts;
    @Autowired
    UserRepository users;
    @Autowired
    ApiTokenRepository tokens;

    private final Instant now = Instant.parse("2026-11-24T10:15:30.123456Z");

    @Test
    void allMigrationsApplySuccessfully() {
        List<String> versions = jdbc.sql("select version from flyway_schema_history where success = true "
                + "and version is not null order by installed_rank").query(String.class).list();
        assertThat(versions).contains("1", "2");
        int failed = jdbc.sql("select count(*) from flyway_schema_history where success = false")
                .query(Integer.class).single();
        assertThat(failed).isZero();
    }

    @Test
    void everyTableButTheSchedulersSignInFailuresAndPsaBudgetsCarriesAccountId() {
        List<String> tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = 'public' and lower(table_type) in ('base table', 'table')
                """).query(String.class).list();
        assertThat(tables).contains("accounts", "users", "api_tokens", "scheduled_tasks");
        for (String table : tables) {
            // sign_in_failures: counted by e-mail before anyone is known to belong to an account (an unknown address
            // counts the same as a known one). psa_request_tenants/slots: a PSA tenant's request budget, which every
            // account connected to that PSA database with that API user spends together (the PSA counts it so).
            if (List.of("accounts", "scheduled_tasks", "flyway_schema_history", "sign_in_failures",
                    "psa_request_tenants", "psa_request_slots").contains(table)) {
                continue;
            }
            int columns = jdbc.sql("""
                    select count(*) from information_schema.columns
                    where table_schema = 'public' and table_name = :table and column_name = 'account_id'
                    """).param("table", table).query(Integer.class).single();
            assertThat(columns).as("account_id in table %s", table).isEqualTo(1);
        }
    }

    @Test
    void schedulerTableIsReadyForDbScheduler() {
        assertThat(context.getBean(SchedulerClient.class)).isNotNull();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks").query(Long.class).single()).isNotNegative();
    }

    @Test
    void accountsAreFoundByIdAndKeyWithTimestampsIntact() {
        String key = "key-" + UUID.randomUUID();
        Account saved = accounts.insert(key, "Store Test MSP", now);

        assertThat(accounts.findById(saved.id())).contains(saved);
        assertThat(accounts.findByKey(key)).contains(saved);
        assertThat(accounts.findByKey("no-such-key")).isEmpty();
        assertThat(saved.createdAt()).isEqualTo(now);
        assertThatThrownBy(() -> accounts.insert(key, "Duplicate key", now))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void usersAreScopedToTheirAccountAndEmailsAreUnique() {
        Account a = accounts.insert("a-" + UUID.randomUUID(), "A", now);
        Account b = accounts.insert("b-" + UUID.randomUUID(), "B", now);
        String email = "ann-" + UUID.randomUUID() + "@a.test";
        HorizonUser ann = users.insert(a.id(), email, "Ann", "$2a$10$hash", Role.ADMIN, now);
        HorizonUser bob = users.insert(b.id(), "bob-" + UUID.randomUUID() + "@b.test", "Bob", "$2a$10$hash",
                Role.AGENT, now);

        assertThat(users.findByAccount(a.id())).containsExactly(ann);
        assertThat(users.findInAccount(a.id(), bob.id())).isEmpty();
        assertThat(users.findInAccount(b.id(), bob.id())).contains(bob);
        assertThat(users.findLogin(email)).map(UserRepository.StoredLogin::passwordHash).contains("$2a$10$hash");
        assertThat(users.updateEnabled(b.id(), ann.id(), false)).isFalse();
        assertThat(users.findInAccount(a.id(), ann.id()).orElseThrow().enabled()).isTrue();
        assertThat(users.updateEnabled(a.id(), ann.id(), false)).isTrue();
        assertThat(users.findInAccount(a.id(), ann.id()).orElseThrow().enabled()).isFalse();
        assertThatThrownBy(() -> users.insert(b.id(), email, "Copy", "$2a$10$hash", Role.AGENT, now))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void tokensAreFoundByHashOnlyWhileActiveAndRevokedOnlyInTheirAccount() {
        Account a = accounts.insert("a-" + UUID.randomUUID(), "A", now);
        Account b = accounts.insert("b-" + UUID.randomUUID(), "B", now);
        HorizonUser ann = users.insert(a.id(), "ann-" + UUID.randomUUID() + "@a.test", "Ann", "x", Role.ADMIN, now);
        String hash = ApiTokens.hash("hzn_" + UUID.randomUUID());
        ApiToken token = tokens.insert(a.id(), ann, "script", hash, now);

        assertThat(tokens.findActiveOwner(hash)).contains(ann);
        tokens.markUsed(hash, now.plus(1, ChronoUnit.HOURS));
        assertThat(tokens.findByAccount(a.id())).singleElement()
                .satisfies(t -> {
                    assertThat(t.lastUsedAt()).isEqualTo(now.plus(1, ChronoUnit.HOURS));
                    assertThat(t.ownerEmail()).isEqualTo(ann.email());
                });
        assertThat(tokens.findByAccount(b.id())).isEmpty();

        assertThat(tokens.revoke(b.id(), token.id(), now)).isFalse();
        assertThat(tokens.findActiveOwner(hash)).isPresent();
        assertThat(tokens.revoke(a.id(), token.id(), now)).isTrue();
        assertThat(tokens.findActiveOwner(hash)).isEmpty();
        assertThat(tokens.revoke(a.id(), token.id(), now)).isFalse();
    }

    @Test
    void aDisabledUsersTokensStopWorking() {
        Account a = accounts.insert("a-" + UUID.randomUUID(), "A", now);
        HorizonUser ann = users.insert(a.id(), "ann-" + UUID.randomUUID() + "@a.test", "Ann", "x", Role.AGENT, now);
        String hash = ApiTokens.hash("hzn_" + UUID.randomUUID());
        tokens.insert(a.id(), ann, "script", hash, now);
        users.updateEnabled(a.id(), ann.id(), false);
        assertThat(tokens.findActiveOwner(hash)).isEmpty();
    }
}
