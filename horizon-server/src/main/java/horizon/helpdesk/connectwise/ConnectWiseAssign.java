package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskWrite;
import tools.jackson.databind.node.ArrayNode;

/**
 * Makes a member the ticket's owner: {@code PATCH service/tickets/{id}} replacing {@code owner} whole. The write's
 * role is ignored: ConnectWise owners have none (work roles are chosen per time entry).
 */
final class ConnectWiseAssign {

    private final ConnectWiseApi api;

    ConnectWiseAssign(ConnectWiseApi api) {
        this.api = api;
    }

    HelpdeskTicket send(HelpdeskCredentials credentials, HelpdeskWrite.Assign assign) {
        ArrayNode operations = api.newArray();
        operations.addObject().put("op", "replace").put("path", "owner")
                .putObject("value").put("id", assign.resourceId());
        return (HelpdeskTicket) ConnectWiseReader.map(ConnectWiseCollection.TICKETS,
                api.patch(credentials, "service/tickets/" + assign.ticketId(), operations));
    }
}
