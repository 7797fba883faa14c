package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskWrite;
import tools.jackson.databind.node.ArrayNode;

/**
 * Sets a ticket's status: {@code PATCH service/tickets/{id}} replacing {@code status} whole. Horizon's status codes
 * for ConnectWise are the board status ids (see {@link ConnectWiseRecords#ticket}); the status must belong to the
 * ticket's board, which ConnectWise checks.
 */
final class ConnectWiseStatusChange {

    private final ConnectWiseApi api;

    ConnectWiseStatusChange(ConnectWiseApi api) {
        this.api = api;
    }

    HelpdeskTicket send(HelpdeskCredentials credentials, HelpdeskWrite.ChangeStatus change) {
        ArrayNode operations = api.newArray();
        operations.addObject().put("op", "replace").put("path", "status")
                .putObject("value").put("id", statusId(change.status()));
        return (HelpdeskTicket) ConnectWiseReader.map(ConnectWiseCollection.TICKETS,
                api.patch(credentials, "service/tickets/" + change.ticketId(), operations));
    }

    /** @throws HelpdeskException VALIDATION, before any call, when the code is not a status id */
    static long statusId(String status) {
        try {
            return Long.parseLong(status.strip());
        } catch (NumberFormatException notAnId) {
            throw HelpdeskException.local(Kind.VALIDATION, "ConnectWise statuses are known to Horizon by their id; '"
                    + status + "' is not one.", notAnId);
        }
    }
}
