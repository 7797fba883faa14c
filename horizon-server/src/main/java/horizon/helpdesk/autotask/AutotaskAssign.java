package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskWrite;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a resource a ticket's primary assignee: {@code PATCH Tickets} as the author, with the resource and a role it
 * holds (Autotask takes both or neither).
 */
final class AutotaskAssign {

    private final AutotaskApi api;
    private final AutotaskDefaultRole defaultRole;
    private final AutotaskReadBack readBack;

    AutotaskAssign(AutotaskApi api, AutotaskDefaultRole defaultRole, AutotaskReadBack readBack) {
        this.api = api;
        this.defaultRole = defaultRole;
        this.readBack = readBack;
    }

    HelpdeskTicket send(HelpdeskCredentials credentials, HelpdeskWrite.Assign write) {
        long role = write.roleId() != null ? write.roleId() : defaultRole.of(credentials, write.resourceId());
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("id", write.ticketId())
                .put("assignedResourceID", write.resourceId())
                .put("assignedResourceRoleID", role);
        api.patch(credentials, "Tickets", body, write.author().resourceId());
        return readBack.written(credentials, write.ticketId());
    }
}
