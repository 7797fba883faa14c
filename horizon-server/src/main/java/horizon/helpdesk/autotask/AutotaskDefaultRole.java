package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The role a resource works a ticket in when a write names none: Autotask refuses an assignee or a time entry without
 * a role the resource holds, so this is the resource's default service desk role, else its first active role.
 */
final class AutotaskDefaultRole {

    /** How long a resource's default role is kept: roles change rarely, and every write without one needs it. */
    static final Duration KEPT = Duration.ofHours(1);

    private final AutotaskApi api;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    AutotaskDefaultRole(AutotaskApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    private record Known(long roleId, Instant at) {
    }

    /** The resource's default role, read once an hour per database and resource. */
    long of(HelpdeskCredentials credentials, long resourceId) {
        String key = credentials.value(AutotaskApi.USER_NAME) + "|" + resourceId;
        Known cached = known.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.at().plus(KEPT))) {
            return cached.roleId();
        }
        long role = read(credentials, resourceId);
        known.put(key, new Known(role, now));
        return role;
    }

    /** {@code GET Resources/{id}}, and a {@code ResourceRoles} query only when it has no default service desk role. */
    private long read(HelpdeskCredentials credentials, long resourceId) {
        JsonNode resource = api.item(credentials, "Resources/" + resourceId).orElseThrow(() ->
                HelpdeskException.local(Kind.NOT_FOUND, "Autotask has no resource " + resourceId
                        + "; map the agent to an existing Autotask resource.", null));
        Long role = AutotaskRecords.id(resource, "defaultServiceDeskRoleID");
        if (role != null) {
            return role;
        }
        AutotaskSearch search = AutotaskSearch.where().idAbove(0).compare("eq", "resourceID", resourceId);
        for (JsonNode held : api.query(credentials, "ResourceRoles/query", search.page(500)).path("items")) {
            if (held.path("isActive").asBoolean(false)) {
                return held.path("roleID").asLong();
            }
        }
        throw HelpdeskException.local(Kind.VALIDATION, "Autotask resource " + resourceId + " holds no active role. "
                + "Give them a service desk role in Autotask (Admin › Resources/Users › Service Desk Roles).", null);
    }
}
