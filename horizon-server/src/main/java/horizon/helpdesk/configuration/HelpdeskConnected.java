package horizon.helpdesk.configuration;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;

/**
 * Published after an account's connection was stored (Connect, replaced credentials, a successful re-test).
 *
 * @param previousKind        the PSA connected before, or null when there was no connection
 * @param previousCredentials the credentials stored before, in clear for the listeners' calls only; null when there
 *                            were none or they did not open
 */
public record HelpdeskConnected(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                HelpdeskKind previousKind, HelpdeskCredentials previousCredentials) {

    /** Whether this replaced a working connection with another PSA or other credentials. */
    public boolean replacedOther() {
        return previousCredentials != null && (previousKind != kind || !previousCredentials.equals(credentials));
    }

    @Override
    public String toString() {
        return "HelpdeskConnected[accountId=" + accountId + ", kind=" + kind + ", previousKind=" + previousKind + "]";
    }
}
