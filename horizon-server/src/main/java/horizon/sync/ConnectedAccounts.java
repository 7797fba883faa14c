package horizon.sync;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.ConnectionFailure;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the accounts the sync engine serves and opens one for a run. */
@Component
class ConnectedAccounts {

    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;

    ConnectedAccounts(HelpdeskConnections connections, Helpdesks helpdesks) {
        this.connections = connections;
        this.helpdesks = helpdesks;
    }

    /** Whether the account has a stored connection. */
    boolean connected(long accountId) {
        return connections.kind(accountId).isPresent();
    }

    /** Why the account's connection stopped ("Connection failing: …"); empty while it works. */
    Optional<String> stopped(long accountId) {
        return failure(accountId).map(ConnectionFailure::summary);
    }

    /** Why the account's connection stopped; empty while it works. */
    Optional<ConnectionFailure> failure(long accountId) {
        return connections.stopped(accountId);
    }

    /**
     * The account opened for a sync; empty when it has no connection.
     *
     * @throws IllegalArgumentException when this build has no adapter for its PSA
     * @throws RuntimeException         when its credentials do not open
     */
    Optional<ConnectedAccount> open(long accountId) {
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        HelpdeskCredentials credentials = connections.credentials(accountId).orElseThrow();
        return Optional.of(new ConnectedAccount(accountId, kind.get(), credentials, connections.settings(accountId),
                RetryingReads.around(helpdesks.reader(kind.get()))));
    }
}
