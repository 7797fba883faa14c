package horizon.onboarding;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.secret.SecretBox;

/**
 * Credentials that passed Test Connection and wait in the admin's session for Next, sealed so the session never holds
 * them in clear.
 *
 * @param accountId       the admin's account; part of the associated data, so another account's session cannot use it
 * @param kind            the PSA tested
 * @param sealedUserName  the username, sealed
 * @param sealedSecret    the secret, sealed
 * @param sealedCode      the integration code, sealed
 * @param result          what the test found
 */
record PendingConnection(long accountId, HelpdeskKind kind, String sealedUserName, String sealedSecret,
                         String sealedCode, ConnectionTestResult result) {

    static final String SESSION_ATTRIBUTE = "horizon.onboarding.pending";

    static PendingConnection seal(SecretBox box, long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                  ConnectionTestResult result) {
        return new PendingConnection(accountId, kind,
                box.seal(credentials.userName(), aad(accountId, "username")),
                box.seal(credentials.secret(), aad(accountId, "secret")),
                box.seal(credentials.integrationCode(), aad(accountId, "integration-code")),
                result);
    }

    /** True when the admin pressed Next with exactly the values that were tested. */
    boolean matches(SecretBox box, long account, HelpdeskKind chosen, HelpdeskCredentials posted) {
        return account == accountId && chosen == kind
                && box.open(sealedUserName, aad(accountId, "username")).equals(posted.userName())
                && box.open(sealedSecret, aad(accountId, "secret")).equals(posted.secret())
                && box.open(sealedCode, aad(accountId, "integration-code")).equals(posted.integrationCode());
    }

    private static String aad(long accountId, String field) {
        return "account:" + accountId + ":onboarding-" + field;
    }
}
