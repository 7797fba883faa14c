package horizon.widget;

import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.todo.Todos;
import horizon.writeback.ActionChecks;
import horizon.writeback.Writeback;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The ticket widget's view of one ticket of the agent's account: the mirrored ticket, its todos ({@link Todos}), the
 * statuses it can take and whether "assign to me" applies ({@link ActionChecks}), and its newest write-back actions.
 */
@Component
class ShowingWidgetTicket {

    static final int ACTIONS = 5;

    private final MirrorQueries mirror;
    private final Todos todos;
    private final ActionChecks checks;
    private final Writeback writeback;
    private final MappingHelpdeskUsers mappings;
    private final WidgetHosts hosts;

    ShowingWidgetTicket(MirrorQueries mirror, Todos todos, ActionChecks checks, Writeback writeback,
                        MappingHelpdeskUsers mappings, WidgetHosts hosts) {
        this.mirror = mirror;
        this.todos = todos;
        this.checks = checks;
        this.writeback = writeback;
        this.mappings = mappings;
        this.hosts = hosts;
    }

    /** The ticket as the widget shows it; empty when the account's mirror holds no such live ticket. */
    Optional<TicketJson> ticket(SignedInUser me, long ticketId, ZoneId zone) {
        Optional<WidgetHost> host = hosts.of(me.accountId());
        Optional<HelpdeskTicket> found = host.isEmpty() ? Optional.empty()
                : mirror.find(me.accountId(), MirroredEntity.TICKETS, ticketId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        HelpdeskTicket ticket = found.get();
        WidgetHost psa = host.get();
        List<PicklistValue> statuses = checks.statuses(me.accountId(), psa.kind(), ticket);
        String statusLabel = statuses.stream().filter(v -> v.value().equals(ticket.status()))
                .map(PicklistValue::label).findFirst().orElse(ticket.status());
        String assignee = ticket.assigneeResourceId() == null ? null
                : mirror.find(me.accountId(), MirroredEntity.HELPDESK_USERS, ticket.assigneeResourceId())
                .map(ShowingWidgetTicket::name).orElse("Resource " + ticket.assigneeResourceId());
        Optional<HelpdeskUser> mapped = mappings.helpdeskUserOf(me.accountId(), me.userId())
                .filter(HelpdeskUser::active);
        String assignToMe = mapped.filter(user -> !Objects.equals(user.externalId(), ticket.assigneeResourceId()))
                .map(user -> assignToMe(user, ticket)).orElse(null);
        return Optional.of(new TicketJson(
                new TicketJson.Ticket(ticket.externalId(), ticket.number(), ticket.title(), statusLabel,
                        ticket.status(), assignee, psa.widgets().ticketLink(psa.zone(), ticketId).toString()),
                new TicketJson.Me(me.displayName(), mapped.map(HelpdeskUser::externalId).orElse(null)),
                todos.forTicket(me.accountId(), ticketId).stream()
                        .map(t -> ShowingCalendar.item(t, zone, host)).toList(),
                statuses.stream().map(v -> new TicketJson.Choice(v.value(), v.label())).toList(),
                assignToMe,
                writeback.actions(me.accountId(), ticketId).stream().limit(ACTIONS)
                        .map(a -> new TicketJson.Action(a.summary(), a.stateLabel())).toList(),
                Writeback.version(ticket)));
    }

    /** The agent's own assignee value: in the role they hold in the ticket's queue, else their first, where roles exist. */
    private static String assignToMe(HelpdeskUser user, HelpdeskTicket ticket) {
        List<HelpdeskUser.Role> roles = user.roles().stream().filter(HelpdeskUser.Role::active).toList();
        if (roles.isEmpty()) {
            return String.valueOf(user.externalId());
        }
        HelpdeskUser.Role role = roles.stream().filter(r -> Objects.equals(r.queueId(), ticket.queueId()))
                .findFirst().orElse(roles.get(0));
        return user.externalId() + ":" + role.roleId();
    }

    private static String name(HelpdeskUser user) {
        String name = ((user.firstName() == null ? "" : user.firstName()) + " "
                + (user.lastName() == null ? "" : user.lastName())).strip();
        return name.isEmpty() ? String.valueOf(user.username()) : name;
    }
}
