package horizon.onboarding;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.HelpdeskConnections;

/**
 * Credentials that passed Test Connection and wait in the admin's session for Next, sealed so the session never holds
 * them in clear.
 *
 * @param accountId the admin's account; part of the associated data, so another account's session cannot use it
 * @param kind      the PSA tested
 * @param sealed    the tested fields as one envelope
 * @param result    what the test found
 */
record PendingConnection(long accountId, HelpdeskKind kind, String sealed, ConnectionTestResult result) {

    static final String SESSION_ATTRIBUTE = "horizon.onboarding.pending";

    static PendingConnection seal(HelpdeskConnections connections, long accountId, HelpdeskKind kind,
                                  HelpdeskCredentials credentials, ConnectionTestResult result) {
        return new PendingConnection(accountId, kind, connections.sealPending(accountId,
                credentials.restrictedTo(connections.credentialFields(kind))), result);
    }

    /** True when the admin pressed Next with exactly the values that were tested. */
    boolean matches(HelpdeskConnections connections, long account, HelpdeskKind chosen, HelpdeskCredentials posted) {
        return account == accountId && chosen == kind && connections.openPending(accountId, sealed)
                .equals(posted.restrictedTo(connections.credentialFields(kind)));
    }
}
