package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskTicket;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the smoke test's ticket as the API user ({@code POST Tickets}, no impersonation): on Autotask's own company
 * (id 0, which every database has), status "New", the preselected priority and queue, due in a day.
 */
final class AutotaskTicketCreate {

    static final long OWN_COMPANY = 0;
    static final Duration DUE_IN = Duration.ofDays(1);

    private final AutotaskApi api;
    private final AutotaskPicklistCache picklists;
    private final AutotaskReadBack readBack;
    private final Clock clock;

    AutotaskTicketCreate(AutotaskApi api, AutotaskPicklistCache picklists, AutotaskReadBack readBack, Clock clock) {
        this.api = api;
        this.picklists = picklists;
        this.readBack = readBack;
        this.clock = clock;
    }

    HelpdeskTicket send(HelpdeskCredentials credentials, String title, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("companyID", OWN_COMPANY)
                .put("title", title)
                .put("description", description)
                .put("status", Long.parseLong(picklists.code(credentials, AutotaskCollection.TICKETS, "status", "New")))
                .put("priority", Long.parseLong(picklists.preselected(credentials, AutotaskCollection.TICKETS,
                        "priority")))
                .put("queueID", Long.parseLong(picklists.preselected(credentials, AutotaskCollection.TICKETS,
                        "queueID")))
                .put("dueDateTime", AutotaskDates.format(clock.instant().plus(DUE_IN)));
        long id = AutotaskReadBack.itemId(api.post(credentials, "Tickets", body), "ticket");
        return readBack.written(credentials, id);
    }
}
