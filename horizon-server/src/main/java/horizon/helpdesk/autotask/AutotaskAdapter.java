package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskAdapter;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import org.springframework.stereotype.Component;

/** Autotask, as the registry hands it out. */
@Component
class AutotaskAdapter implements HelpdeskAdapter {

    private final AutotaskConnector connector;
    private final AutotaskReader reader;
    private final AutotaskCallbacks callbacks;

    AutotaskAdapter(AutotaskConnector connector, AutotaskReader reader, AutotaskCallbacks callbacks) {
        this.connector = connector;
        this.reader = reader;
        this.callbacks = callbacks;
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.AUTOTASK;
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
