package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskAdapter;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import org.springframework.stereotype.Component;

/** Autotask, as the registry hands it out. */
@Component
class AutotaskAdapter implements HelpdeskAdapter {

    private final AutotaskConnector connector;
    private final AutotaskReader reader;

    AutotaskAdapter(AutotaskConnector connector, AutotaskReader reader) {
        this.connector = connector;
        this.reader = reader;
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
}
