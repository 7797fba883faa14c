package horizon.helpdesk;

import java.util.List;

/** Connecting one PSA: which values the admin enters, and proving they work. */
public interface HelpdeskConnector {

    /** The values the admin enters, in form order. */
    List<CredentialField> credentialFields();

    /**
     * What is wrong with the values as entered, found without a call: blank required fields by default; connectors add
     * their own checks (a site host's scheme and form).
     */
    default List<CredentialField.Problem> check(HelpdeskCredentials credentials) {
        return credentials.blankRequired(credentialFields());
    }

    /**
     * Proves the credentials work: the fields are complete, the tenant is found, and the API user can read.
     *
     * @throws HelpdeskException saying exactly which step failed and whether trying again can help
     */
    ConnectionTestResult testConnection(HelpdeskCredentials credentials);
}
