package horizon.helpdesk;

/** The port every PSA adapter implements; features talk to a PSA only through it. */
public interface HelpdeskConnector {

    /** The PSA this connector speaks to. */
    HelpdeskKind kind();

    /**
     * Proves the credentials work: the fields are complete, the tenant is found, and the API user can read.
     *
     * @throws HelpdeskException saying exactly which step failed and whether trying again can help
     */
    ConnectionTestResult testConnection(HelpdeskCredentials credentials);
}
