package horizon.helpdesk.configuration;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskException;

/**
 * The answer a Test Connection button shows: either what the test found, or exactly why it failed.
 *
 * @param result  what a successful test found; null on failure
 * @param failure why the test failed; null on success
 */
public record ConnectionTestOutcome(ConnectionTestResult result, HelpdeskException failure) {

    public static ConnectionTestOutcome succeeded(ConnectionTestResult result) {
        return new ConnectionTestOutcome(result, null);
    }

    public static ConnectionTestOutcome failed(HelpdeskException failure) {
        return new ConnectionTestOutcome(null, failure);
    }

    public boolean ok() {
        return result != null;
    }
}
