package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskAdapter;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskWriter;
import org.springframework.stereotype.Component;

/** ConnectWise PSA, as the registry hands it out. */
@Component
class ConnectWiseAdapter implements HelpdeskAdapter {

    private final ConnectWiseConnector connector;
    private final ConnectWiseReader reader;
    private final ConnectWiseCallbacks callbacks;
    private final ConnectWiseWriter writer;
    private final ConnectWiseWidgets widgets;

    ConnectWiseAdapter(ConnectWiseConnector connector, ConnectWiseReader reader, ConnectWiseCallbacks callbacks,
                       ConnectWiseWriter writer, ConnectWiseWidgets widgets) {
        this.connector = connector;
        this.reader = reader;
        this.callbacks = callbacks;
        this.writer = writer;
        this.widgets = widgets;
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

    @Override
    public HelpdeskWriter writer() {
        return writer;
    }

    @Override
    public HelpdeskWidgets widgets() {
        return widgets;
    }
}
