package horizon.helpdesk;

/**
 * One PSA's adapter, as the registry ({@link Helpdesks}) hands it out: everything PSA-specific lives behind it, in its
 * own package ({@code horizon.helpdesk.<psa>}), and features reach a PSA only through these parts.
 */
public interface HelpdeskAdapter {

    HelpdeskKind kind();

    HelpdeskConnector connector();

    HelpdeskReader reader();

    /** Interim while the adapters' callback parts are built; becomes abstract when both adapters have theirs. */
    default HelpdeskCallbacks callbacks() {
        throw new UnsupportedOperationException(kind().displayName() + " has no callbacks yet");
    }
}
