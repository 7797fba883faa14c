package horizon.sync;

import horizon.helpdesk.HelpdeskException;
import horizon.secret.SecretBoxException;

/**
 * What a failed sync run says about its failure on the Sync Run logs and through the API. A helpdesk's failure is told
 * as the adapter words it (its title and message, written for admins, with the PSA's own words), and so are the few
 * failures Horizon words for admins (a ticket number the PSA does not know, a master key that does not open the
 * stored credentials). Anything else failed
 * inside Horizon: its message may hold SQL, a file path or a stored value, so only its type is shown and the details
 * stay in the server log, under the run's id.
 */
final class RunErrors {

    private RunErrors() {
    }

    /** The failure of run {@code runId}. */
    static String describe(RuntimeException failure, long runId) {
        return describe(failure, " under run " + runId);
    }

    /** A failure before any run started (opening the account's connection). */
    static String describe(RuntimeException failure) {
        return describe(failure, "");
    }

    private static String describe(RuntimeException failure, String where) {
        if (failure instanceof HelpdeskException helpdesk) {
            return helpdesk.title() + ": " + helpdesk.getMessage();
        }
        if (failure instanceof SyncingOneTicket.TicketNotFound || failure instanceof SecretBoxException) {
            return failure.getMessage(); // written for the admin: the number asked for, the master keys' ids
        }
        return "Horizon failed inside (" + failure.getClass().getSimpleName() + "), not the helpdesk; the server log "
                + "has the details" + where + ". The next run starts again where this one stopped.";
    }
}
