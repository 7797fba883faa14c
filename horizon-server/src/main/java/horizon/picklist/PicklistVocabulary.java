package horizon.picklist;

import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.ConnectionView;
import horizon.helpdesk.configuration.HelpdeskConnections;
import org.springframework.stereotype.Component;

/** The names of the account's picklists, as the adapter of its connected PSA describes them. */
@Component
class PicklistVocabulary {

    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;

    PicklistVocabulary(HelpdeskConnections connections, Helpdesks helpdesks) {
        this.connections = connections;
        this.helpdesks = helpdesks;
    }

    /**
     * The names the account's PSA gives its picklists. Without a connection (picklists mirrored before it was
     * removed), every adapter's names: each PSA's entities are named apart, so they never collide.
     */
    PicklistNames names(long accountId) {
        return connections.view(accountId).map(ConnectionView::kind).flatMap(helpdesks::adapter)
                .map(adapter -> PicklistNames.of(adapter.reader().picklistDefinitions()))
                .orElseGet(() -> PicklistNames.of(helpdesks.availableKinds().stream()
                        .flatMap(kind -> helpdesks.reader(kind).picklistDefinitions().stream()).toList()));
    }
}
