package horizon.workspace;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistValue;
import horizon.mirror.MirrorQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads the labels a ticket list or page shows from the mirror: the adapter's picklists of each role, and names. */
@Component
class LabellingTickets {

    private final Helpdesks helpdesks;
    private final MirrorQueries mirror;

    LabellingTickets(Helpdesks helpdesks, MirrorQueries mirror) {
        this.helpdesks = helpdesks;
        this.mirror = mirror;
    }

    TicketLabels labels(long accountId, HelpdeskKind psa) {
        Map<Long, HelpdeskUser> users = new LinkedHashMap<>();
        mirror.helpdeskUsers(accountId, false).forEach(u -> users.put(u.externalId(), u));
        return new TicketLabels(values(accountId, psa, PicklistDefinition.Role.STATUS),
                byValue(values(accountId, psa, PicklistDefinition.Role.PRIORITY)),
                values(accountId, psa, PicklistDefinition.Role.QUEUE),
                byValue(values(accountId, psa, PicklistDefinition.Role.NOTE_VISIBILITY)), users);
    }

    private List<PicklistValue> values(long accountId, HelpdeskKind psa, PicklistDefinition.Role role) {
        // The first definition of a role is the ticket's own (Autotask also lists the queues of resource roles).
        return helpdesks.reader(psa).picklistDefinitions().stream().filter(d -> d.role() == role).findFirst()
                .map(d -> mirror.picklist(accountId, d.entity(), d.field()))
                .orElse(List.of());
    }

    private static Map<String, String> byValue(List<PicklistValue> values) {
        return values.stream().collect(Collectors.toMap(PicklistValue::value, PicklistValue::label, (a, b) -> a,
                LinkedHashMap::new));
    }
}
