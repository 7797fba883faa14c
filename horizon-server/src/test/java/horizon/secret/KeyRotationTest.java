package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.account.Timestamps;
import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskZone;
import horizon.helpdesk.configuration.HelpdeskConnection;
import horizon.helpdesk.configuration.HelpdeskConnectionRepository;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rotation on the shared store: secrets sealed with key A, re-sealed by ring [B, A], carry B's id afterwards and open
 * to the same values under the same associated data; a secret no ring key opens is reported and left as it was.
 * Every test node also holds B ({@link HorizonTest#ROTATED_MASTER_KEY}), so the other tests' secrets, re-sealed too,
 * keep opening.
 */
class KeyRotationTest extends HorizonTest {

    private static final MasterKey A = MasterKey.fromBase64(MASTER_KEY, "A");
    private static final MasterKey B = MasterKey.fromBase64(ROTATED_MASTER_KEY, "B");
    /** Bytes 0x41..0x60: a key no node holds. */
    private static final MasterKey UNKNOWN = MasterKey.fromBase64("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A=", "C");
    private static final String CREDENTIALS = "{\"userName\":\"rotation@acme.test\",\"secret\":\"s3cr€t\","
            + "\"integrationCode\":\"ROTATE1\"}";

    @Autowired
    KeyRotation rotation;
    @Autowired
    HelpdeskConnectionRepository connectionStore;
    @Autowired
    HelpdeskConnections connections;

    private final List<Long> accounts = new ArrayList<>();

    @Test
    void everySecretIsResealedWithTheNewestKeyAndOpensToTheSameValue() {
        SecretBox sealedBefore = new SecretBox(A);
        TestAccount acme = account("Rotation");
        connectionStore.save(connection(acme.id(),
                sealedBefore.seal(CREDENTIALS, "account:" + acme.id() + ":helpdesk-credentials")));
        storeWebhook(acme.id(), "Tickets", sealedBefore.seal("hook-secret-1", webhookAad(acme.id(), "Tickets")));
        TestAccount lost = account("Rotation lost key");
        String unreadableCredentials = new SecretBox(UNKNOWN).seal(CREDENTIALS,
                "account:" + lost.id() + ":helpdesk-credentials");
        connectionStore.save(connection(lost.id(), unreadableCredentials));
        String unreadableSecret = new SecretBox(UNKNOWN).seal("hook-secret-2", webhookAad(acme.id(), "Ticket notes"));
        storeWebhook(acme.id(), "Ticket notes", unreadableSecret);

        SecretBox ring = new SecretBox(MasterKeyRing.of(B, List.of(A)));
        KeyRotation.Rotation done = rotation.rotate(ring);

        String credentials = sealedCredentials(acme.id());
        String secret = webhookSecret(acme.id(), "Tickets");
        assertThat(credentials).startsWith("v1:" + B.id() + ":");
        assertThat(secret).startsWith("v1:" + B.id() + ":");
        assertThat(ring.open(credentials, "account:" + acme.id() + ":helpdesk-credentials")).isEqualTo(CREDENTIALS);
        assertThat(ring.open(secret, webhookAad(acme.id(), "Tickets"))).isEqualTo("hook-secret-1");
        // The node itself (sealing with A, opening B too) still reads the connection through its own package.
        assertThat(connections.credentials(acme.id()).orElseThrow().values()).isEqualTo(Map.of(
                "userName", "rotation@acme.test", "secret", "s3cr€t", "integrationCode", "ROTATE1"));

        assertThat(sealedCredentials(lost.id())).isEqualTo(unreadableCredentials);
        assertThat(webhookSecret(acme.id(), "Ticket notes")).isEqualTo(unreadableSecret);
        assertThat(done.keyId()).isEqualTo(B.id());
        assertThat(done.complete()).isFalse();
        assertThat(done.unreadable()).contains("helpdesk credentials: account=" + lost.id(),
                "webhook secrets: account=" + acme.id() + " webhook=Ticket notes");
        assertThat(done.tables()).extracting(Resealed::what).contains("helpdesk credentials", "webhook secrets");
        assertThat(done.resealed()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSecondRunFindsEverythingReadableCurrent() {
        TestAccount acme = account("Rotation again");
        storeWebhook(acme.id(), "Tickets", new SecretBox(A).seal("hook-secret", webhookAad(acme.id(), "Tickets")));
        SecretBox ring = new SecretBox(MasterKeyRing.of(B, List.of(A)));
        rotation.rotate(ring);
        String once = webhookSecret(acme.id(), "Tickets");

        KeyRotation.Rotation again = rotation.rotate(ring);

        assertThat(webhookSecret(acme.id(), "Tickets")).isEqualTo(once).startsWith("v1:" + B.id() + ":");
        assertThat(again.current()).isGreaterThanOrEqualTo(1);
        assertThat(again.unreadable()).noneMatch(u -> u.contains("account=" + acme.id() + " "));
    }

    @AfterEach
    void forgetTheseAccountsSecrets() {
        // Their unreadable connections would otherwise fail a sync on every dispatch for the rest of the suite.
        for (long account : accounts) {
            jdbc.sql("delete from callback_webhooks where account_id = :a").param("a", account).update();
            jdbc.sql("delete from helpdesk_connections where account_id = :a").param("a", account).update();
        }
    }

    private TestAccount account(String label) {
        TestAccount account = fixtures().account(label);
        accounts.add(account.id());
        return account;
    }

    private static String webhookAad(long accountId, String name) {
        return "account:" + accountId + ":webhook:" + name;
    }

    private void storeWebhook(long accountId, String name, String sealedSecret) {
        jdbc.sql("""
                        insert into callback_webhooks (account_id, name, external_id, reference, secret_sealed,
                                                       registered_at)
                        values (:a, :name, :external, null, :secret, :now)
                        """)
                .param("a", accountId).param("name", name).param("external", name + "-1")
                .param("secret", sealedSecret).param("now", Timestamps.column(Instant.now()))
                .update();
    }

    private String webhookSecret(long accountId, String name) {
        return jdbc.sql("select secret_sealed from callback_webhooks where account_id = :a and name = :name")
                .param("a", accountId).param("name", name).query(String.class).single();
    }

    private String sealedCredentials(long accountId) {
        return connectionStore.find(accountId).orElseThrow().sealedCredentials();
    }

    /** A connection to a zone nobody answers on, so the background sync this row invites fails at once. */
    private static HelpdeskConnection connection(long accountId, String sealedCredentials) {
        Instant now = Instant.now();
        HelpdeskZone zone = new HelpdeskZone("Nowhere", "http://127.0.0.1:9/atservicesrest/", "http://127.0.0.1:9/");
        return new HelpdeskConnection(accountId, HelpdeskKind.AUTOTASK, sealedCredentials, zone, null, now, true, null,
                now, new ApiBudget(0, 10_000, 60, now), null, now, now);
    }
}
