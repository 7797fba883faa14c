package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskWrite;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Sets a ticket's status: {@code PATCH Tickets} with the status picklist code, as the author. */
final class AutotaskStatusChange {

    private final AutotaskApi api;
    private final AutotaskReadBack readBack;

    AutotaskStatusChange(AutotaskApi api, AutotaskReadBack readBack) {
        this.api = api;
        this.readBack = readBack;
    }

    HelpdeskTicket send(HelpdeskCredentials credentials, HelpdeskWrite.ChangeStatus write) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("id", write.ticketId())
                .put("status", code(write.status()));
        api.patch(credentials, "Tickets", body, write.author().resourceId());
        return readBack.written(credentials, write.ticketId());
    }

    /** Autotask's status codes are integers; anything else would be refused, so it is not sent. */
    private static long code(String status) {
        try {
            return Long.parseLong(status.strip());
        } catch (NumberFormatException notACode) {
            throw HelpdeskException.local(Kind.VALIDATION, "\"" + status
                    + "\" is not an Autotask ticket status code; Autotask's codes are whole numbers.", notACode);
        }
    }
}
