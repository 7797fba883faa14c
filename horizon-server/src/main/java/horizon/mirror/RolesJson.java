package horizon.mirror;

import horizon.helpdesk.HelpdeskUser;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code helpdesk_users.roles} column: a user's roles as a compact JSON array, written in one fixed
 * shape so that the same roles always give the same text (and the same content hash).
 */
final class RolesJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RolesJson() {
    }

    static String write(List<HelpdeskUser.Role> roles) {
        StringBuilder json = new StringBuilder("[");
        for (HelpdeskUser.Role role : roles) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"roleId\":").append(role.roleId())
                    .append(",\"queueId\":").append(role.queueId() == null ? "null" : role.queueId().toString())
                    .append(",\"active\":").append(role.active())
                    .append('}');
        }
        return json.append(']').toString();
    }

    static List<HelpdeskUser.Role> read(String json) {
        List<HelpdeskUser.Role> roles = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            JsonNode queue = node.get("queueId");
            roles.add(new HelpdeskUser.Role(
                    node.get("roleId").asLong(),
                    queue == null || queue.isNull() ? null : queue.asLong(),
                    node.get("active").asBoolean()));
        }
        return roles;
    }
}
