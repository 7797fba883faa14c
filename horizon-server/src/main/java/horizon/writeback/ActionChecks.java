package horizon.writeback;

import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an agent's action is checked against before it is queued, all read from the mirror (no PSA request): the
 * account is connected, the ticket is mirrored, the agent is mapped to a helpdesk user, and the values exist in the
 * PSA's picklists and users.
 */
@Component
public class ActionChecks {

    /**
     * Everything an action on one ticket needs to know.
     *
     * @param author the helpdesk user the agent is mapped to, as the PSA will record the change
     */
    record Context(HelpdeskKind psa, HelpdeskTicket ticket, HelpdeskWrite.Author author, HelpdeskUser authorUser) {
    }

    /**
     * A role an agent can log time in or assign with.
     *
     * @param roleId the PSA's id
     * @param label  the picklist's label, or "Role {id}" when the PSA publishes none
     */
    public record RoleChoice(long roleId, String label) {
    }

    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final MirrorQueries mirror;
    private final MappingHelpdeskUsers mappings;

    ActionChecks(HelpdeskConnections connections, Helpdesks helpdesks, MirrorQueries mirror,
                 MappingHelpdeskUsers mappings) {
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.mirror = mirror;
        this.mappings = mappings;
    }

    Context context(SignedInUser user, long ticketId) {
        HelpdeskKind psa = connections.kind(user.accountId())
                .filter(helpdesks::available)
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.NOT_CONNECTED,
                        "Horizon is not connected to a helpdesk. An admin connects it on the onboarding page."));
        HelpdeskTicket ticket = mirror.find(user.accountId(), MirroredEntity.TICKETS, ticketId)
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.NOT_FOUND,
                        "Ticket " + ticketId + " is not in Horizon (deleted in " + psa.displayName()
                                + ", or not synced yet)."));
        HelpdeskUser mapped = mappings.helpdeskUserOf(user.accountId(), user.userId())
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.NOT_MAPPED,
                        "You are not mapped to a " + psa.displayName() + " user yet, so " + psa.displayName()
                                + " would not know who made this change. Ask an admin to map you on the Helpdesk "
                                + "User Mapping page (Integrations → Helpdesk → Helpdesk User Mapping)."));
        if (!mapped.active()) {
            throw new ActionRefused(ActionRefused.Reason.NOT_MAPPED, "The " + psa.displayName() + " user you are "
                    + "mapped to (" + name(mapped) + ") is inactive there. Ask an admin to map you to your active "
                    + "user on the Helpdesk User Mapping page.");
        }
        return new Context(psa, ticket, new HelpdeskWrite.Author(mapped.externalId(), user.displayName()), mapped);
    }

    /** The helpdesk user to assign: mirrored, live and active. */
    HelpdeskUser assignee(long accountId, long resourceId) {
        return mirror.find(accountId, MirroredEntity.HELPDESK_USERS, resourceId)
                .filter(HelpdeskUser::active)
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.INVALID, "resourceId",
                        "No active helpdesk user " + resourceId + " in this account."));
    }

    /** The role, when given, must be one the user holds (PSAs whose users list roles) or a published work role. */
    void checkRole(long accountId, HelpdeskKind psa, HelpdeskUser user, Long roleId) {
        if (roleId == null) {
            return;
        }
        boolean known = roles(accountId, psa, user).stream().anyMatch(r -> r.roleId() == roleId);
        if (!known) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "roleId", name(user) + " holds no role "
                    + roleId + " in " + psa.displayName() + ".");
        }
    }

    /** The roles a user can work in: their own where the PSA lists them, else the PSA's work roles. */
    public List<RoleChoice> roles(long accountId, HelpdeskKind psa, HelpdeskUser user) {
        List<PicklistValue> workRoles = values(accountId, psa, PicklistDefinition.Role.WORK_ROLE);
        List<RoleChoice> choices = new ArrayList<>();
        if (!user.roles().isEmpty()) {
            user.roles().stream().filter(HelpdeskUser.Role::active).map(HelpdeskUser.Role::roleId).distinct()
                    .forEach(id -> choices.add(new RoleChoice(id, workRoles.stream()
                            .filter(v -> v.value().equals(String.valueOf(id))).map(PicklistValue::label)
                            .findFirst().orElse("Role " + id))));
            return choices;
        }
        workRoles.stream().filter(PicklistValue::active).forEach(v -> {
            try {
                choices.add(new RoleChoice(Long.parseLong(v.value()), v.label()));
            } catch (NumberFormatException notAnId) {
                // a work role Horizon cannot send by id
            }
        });
        return choices;
    }

    /** The statuses the ticket can be set to: the PSA's status list (of the ticket's board, where statuses are). */
    public List<PicklistValue> statuses(long accountId, HelpdeskKind psa, HelpdeskTicket ticket) {
        Optional<PicklistDefinition> definition = definition(psa, PicklistDefinition.Role.STATUS);
        if (definition.isEmpty()) {
            return List.of();
        }
        String parent = definition.get().parentField() == null ? null
                : ticket.queueId() == null ? "" : String.valueOf(ticket.queueId());
        return mirror.picklist(accountId, definition.get().entity(), definition.get().field()).stream()
                .filter(PicklistValue::active)
                .filter(v -> parent == null || parent.equals(v.parentValue()))
                .sorted(Comparator.comparingInt(PicklistValue::sortOrder))
                .toList();
    }

    /** The status value's label, or the value itself when the picklist lacks it. */
    String statusLabel(long accountId, HelpdeskKind psa, HelpdeskTicket ticket, String value) {
        Optional<PicklistDefinition> definition = definition(psa, PicklistDefinition.Role.STATUS);
        return definition.flatMap(d -> mirror.picklist(accountId, d.entity(), d.field()).stream()
                        .filter(v -> v.value().equals(value)).map(PicklistValue::label).findFirst())
                .orElse(value);
    }

    static String name(HelpdeskUser user) {
        String name = ((user.firstName() == null ? "" : user.firstName()) + " "
                + (user.lastName() == null ? "" : user.lastName())).strip();
        return name.isEmpty() ? String.valueOf(user.username()) : name;
    }

    private List<PicklistValue> values(long accountId, HelpdeskKind psa, PicklistDefinition.Role role) {
        return definition(psa, role).map(d -> mirror.picklist(accountId, d.entity(), d.field())).orElse(List.of());
    }

    private Optional<PicklistDefinition> definition(HelpdeskKind psa, PicklistDefinition.Role role) {
        return helpdesks.reader(psa).picklistDefinitions().stream().filter(d -> d.role() == role).findFirst();
    }
}
