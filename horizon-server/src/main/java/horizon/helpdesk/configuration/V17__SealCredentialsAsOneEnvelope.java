package horizon.helpdesk.configuration;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.secret.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves connections stored before the envelope (Autotask's three separately sealed fields) into one
 * {@link CredentialEnvelope}, so they keep working without a reconnect. Runs once, inside Flyway's transaction, with
 * this node's master key. A row whose fields do not open keeps them and gets no envelope: its connection reports the
 * credentials unreadable until the admin replaces them (or the node starts with the key that sealed them, and an
 * admin replaces them then).
 */
@Component
class V17__SealCredentialsAsOneEnvelope extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V17__SealCredentialsAsOneEnvelope.class);

    private static final String LEGACY = """
            select account_id, username_sealed, secret_sealed, integration_code_sealed
              from helpdesk_connections
             where credentials_sealed is null and username_sealed is not null
            """;

    private static final String MOVE = """
            update helpdesk_connections
               set credentials_sealed = ?, username_sealed = null, secret_sealed = null, integration_code_sealed = null
             where account_id = ?
            """;

    private final SecretBox box;

    V17__SealCredentialsAsOneEnvelope(SecretBox box) {
        this.box = box;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        int moved = 0;
        int unreadable = 0;
        try (PreparedStatement select = connection.prepareStatement(LEGACY);
             ResultSet rows = select.executeQuery();
             PreparedStatement update = connection.prepareStatement(MOVE)) {
            while (rows.next()) {
                long accountId = rows.getLong("account_id");
                Map<String, String> values = new LinkedHashMap<>();
                try {
                    // The V3 columns' associated data and the Autotask adapter's field names.
                    values.put("userName", box.open(rows.getString("username_sealed"), legacyAad(accountId, "username")));
                    values.put("secret", box.open(rows.getString("secret_sealed"), legacyAad(accountId, "secret")));
                    values.put("integrationCode", box.open(rows.getString("integration_code_sealed"),
                            legacyAad(accountId, "integration-code")));
                } catch (RuntimeException notOpened) {
                    unreadable++;
                    log.warn("helpdesk credentials of account={} do not open with this node's master key; left as they "
                            + "were, the admin must replace them", accountId);
                    continue;
                }
                update.setString(1, CredentialEnvelope.seal(box, accountId, HelpdeskCredentials.of(values)));
                update.setLong(2, accountId);
                update.executeUpdate();
                moved++;
            }
        }
        log.info("helpdesk credentials moved into one envelope per connection: moved={} unreadable={}", moved,
                unreadable);
    }

    private static String legacyAad(long accountId, String field) {
        return "account:" + accountId + ":helpdesk-" + field;
    }
}
