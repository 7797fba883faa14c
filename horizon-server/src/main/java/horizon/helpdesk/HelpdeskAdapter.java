package horizon.helpdesk;

/**
 * One PSA's adapter, as the registry ({@link Helpdesks}) hands it out: everything PSA-specific lives behind it, in its
 * own package ({@code horizon.helpdesk.<psa>}), and features reach a PSA only through these parts.
 */
public interface HelpdeskAdapter {

    HelpdeskKind kind();

    HelpdeskConnector connector();

    HelpdeskReader reader();

    HelpdeskCallbacks callbacks();

    /** Changes the PSA on an agent's behalf (write-back). */
    HelpdeskWriter writer();

    /** How Horizon's widgets sign in, are framed and are embedded in this PSA. */
    HelpdeskWidgets widgets();
}
