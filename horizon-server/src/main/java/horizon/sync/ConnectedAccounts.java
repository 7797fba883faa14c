package horizon.sync;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.util.List;
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

    /** Every account with a stored connection (a system-wide listing, used only by the dispatcher). */
    List<Long> accountIds() {
        return connections.connectedAccountIds();
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
