package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskAdapter;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import org.springframework.stereotype.Component;

/** ConnectWise PSA, as the registry hands it out. */
@Component
class ConnectWiseAdapter implements HelpdeskAdapter {

    private final ConnectWiseConnector connector;
    private final ConnectWiseReader reader;
    private final ConnectWiseCallbacks callbacks;

    ConnectWiseAdapter(ConnectWiseConnector connector, ConnectWiseReader reader, ConnectWiseCallbacks callbacks) {
        this.connector = connector;
        this.reader = reader;
        this.callbacks = callbacks;
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.CONNECTWISE_MANAGE;
    }

    @Override
    public HelpdeskConnector connector() {
        return connector;
    }

    @Override
    public HelpdeskReader reader() {
        return reader;
    }

    @Override
    public HelpdeskCallbacks callbacks() {
        return callbacks;
    }
}
