package horizon.sync;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.configuration.SyncSettings;

/**
 * An account with a stored PSA connection, opened for one sync: the reader of its PSA, its credentials in clear (kept
 * in memory only for the run) and its sync settings.
 */
record ConnectedAccount(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials, SyncSettings settings,
                        HelpdeskReader reader) {

    @Override
    public String toString() {
        return "ConnectedAccount[accountId=" + accountId + ", kind=" + kind + "]";
    }
}
