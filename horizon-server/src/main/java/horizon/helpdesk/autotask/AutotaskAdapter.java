package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskAdapter;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskWriter;
import org.springframework.stereotype.Component;

/** Autotask, as the registry hands it out. */
@Component
class AutotaskAdapter implements HelpdeskAdapter {

    private final AutotaskConnector connector;
    private final AutotaskReader reader;
    private final AutotaskCallbacks callbacks;
    private final AutotaskWriter writer;
    private final AutotaskWidgets widgets;

    AutotaskAdapter(AutotaskConnector connector, AutotaskReader reader, AutotaskCallbacks callbacks,
                    AutotaskWriter writer, AutotaskWidgets widgets) {
        this.connector = connector;
        this.reader = reader;
        this.callbacks = callbacks;
        this.writer = writer;
        this.widgets = widgets;
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

    @Override
    public HelpdeskWriter writer() {
        return writer;
    }

    @Override
    public HelpdeskWidgets widgets() {
        return widgets;
    }
}
