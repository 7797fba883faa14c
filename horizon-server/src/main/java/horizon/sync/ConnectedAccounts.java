package horizon.sync;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the accounts the sync engine serves and opens one for a run.

 */
@Component
class ConnectedAccounts {

    private static final String CONNECTED = "select account_id from helpdesk_connections order by account_id";

    private static final String KIND = """
            select kind
              from helpdesk_connections
             where account_id = :accountId
            """;

    private final JdbcClient jdbc;
    private final HelpdeskConnections connections;
    private final Map<HelpdeskKind, HelpdeskReader> readers = new EnumMap<>(HelpdeskKind.class);

    ConnectedAccounts(JdbcClient jdbc, HelpdeskConnections connections, List<HelpdeskReader> readers) {
        this.jdbc = jdbc;
        this.connections = connections;
        readers.forEach(r -> this.readers.put(r.kind(), r));
    }

    /** Every account with a stored connection (a system-wide listing, used only by the dispatcher). */
    List<Long> accountIds() {
        return jdbc.sql(CONNECTED).query(Long.class).list();
    }

    /**
     * The account opened for a sync; empty when it has no connection.
     *
     * @throws IllegalStateException when no reader exists for its PSA in this build
     */
    Optional<ConnectedAccount> open(long accountId) {
        return jdbc.sql(KIND).param("accountId", accountId).query((rs, n) -> {
            HelpdeskKind kind = HelpdeskKind.valueOf(rs.getString("kind"));
            HelpdeskCredentials credentials = connections.credentials(accountId).orElseThrow();
            HelpdeskReader reader = readers.get(kind);
            if (reader == null) {
                throw new IllegalStateException("This build has no reader for " + kind.displayName());
            }
            return new ConnectedAccount(accountId, kind, credentials, connections.settings(accountId), reader);
        }).optional();
    }
}
