package horizon.helpdesk.configuration;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskException;

/**
 * The answer a Test Connection button shows: either what the test found, or exactly why it failed.
 *
 * @param result  what a successful test found; null on failure
 * @param failure why the test failed; null on success
 * @param change  the test succeeded, but the credentials reach another PSA database than the stored ones: nothing was
 *                saved, the admin is asked first; null otherwise
 */
public record ConnectionTestOutcome(ConnectionTestResult result, HelpdeskException failure, DatabaseChange change) {

    public static ConnectionTestOutcome succeeded(ConnectionTestResult result) {
        return new ConnectionTestOutcome(result, null, null);
    }

    public static ConnectionTestOutcome failed(HelpdeskException failure) {
        return new ConnectionTestOutcome(null, failure, null);
    }

    /** The credentials work, but reach another database: saved only once the admin confirms. */
    static ConnectionTestOutcome awaitingConfirmation(ConnectionTestResult result, DatabaseChange change) {
        return new ConnectionTestOutcome(result, null, change);
    }

    /** The test succeeded (and, for a save, the credentials were saved). */
    public boolean ok() {
        return result != null && change == null;
    }

    /** The credentials work but reach another database; nothing was saved. */
    public boolean needsConfirmation() {
        return change != null;
    }
}
