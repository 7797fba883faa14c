package horizon.writeback;

import horizon.helpdesk.HelpdeskException;

/**
 * Why an attempt failed, as an action keeps it: a heading, Horizon's explanation, and the PSA's own words when it gave
 * any.
 */
record Failure(String title, String message, String psaMessage) {

    static Failure of(HelpdeskException failure) {
        return new Failure(failure.title(), failure.getMessage(), failure.psaMessage().orElse(null));
    }
}
