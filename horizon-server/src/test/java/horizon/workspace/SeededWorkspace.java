package horizon.workspace;

import static horizon.ticket.MirrorSeed.value;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import horizon.helpdesk.autotask.AutotaskCredentials;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.ticket.MirrorSeed;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * An Autotask account's mirror as the workspace tests see it: connected (to an address nobody answers, so nothing is
 * read or sent), picklists, two helpdesk users with the fixture's agent mapped to Alex Agent, tickets mine,
 * unassigned and someone else's, and a thread with time on the first. An interface so test selectors skip it.
 */
interface SeededWorkspace {

    long ALEX = 29682885L;
    long BEA = 29682886L;
    long LEVEL_ONE = 29682833L;
    long MONITORING = 29682969L;
    /** Assigned to the agent (Alex), with notes and time. */
    long MINE = 7101L;
    /** Nobody's. */
    long UNASSIGNED = 7102L;
    /** Bea's; the tests that act on a ticket act on this one. */
    long BEAS = 7103L;

    static void seed(ApplicationContext context, TestAccount account) {
        context.getBean(HelpdeskConnections.class).connect(account.id(), HelpdeskKind.AUTOTASK,
                AutotaskCredentials.of("api-user@acme.test", "secret", "CODE"),
                new ConnectionTestResult(new HelpdeskZone("Test zone", "https://127.0.0.1:9/ATServicesRest/",
                        "https://127.0.0.1:9/"), new HelpdeskResource(ALEX, "api user"),
                        new ApiBudget(1, 10_000, 60, Instant.now()), Instant.now()));
        MirrorWriter writer = context.getBean(MirrorWriter.class);
        long id = account.id();
        writer.putPicklist(id, "Tickets", "status", List.of(
                value("Tickets", "status", "1", "New", true, true, 0, null),
                value("Tickets", "status", "8", "In Progress", true, false, 1, null),
                value("Tickets", "status", "5", "Complete", true, false, 2, null)));
        writer.putPicklist(id, "Tickets", "priority", List.of(
                value("Tickets", "priority", "1", "Critical", true, false, 0, null),
                value("Tickets", "priority", "2", "Medium", true, true, 1, null)));
        writer.putPicklist(id, "Tickets", "queueID", List.of(
                value("Tickets", "queueID", String.valueOf(LEVEL_ONE), "Level I Support", true, true, 0, null),
                value("Tickets", "queueID", String.valueOf(MONITORING), "Monitoring Alert", true, false, 1, null)));
        writer.putPicklist(id, "TicketNotes", "publish", List.of(
                value("TicketNotes", "publish", "1", "All Autotask Users", true, true, 0, null),
                value("TicketNotes", "publish", "2", "Internal Only", true, false, 1, null)));
        writer.upsert(id, MirroredEntity.HELPDESK_USERS, List.of(
                MirrorSeed.helpdeskUser(ALEX, "Alex", "Agent", account.agent().email(), true),
                MirrorSeed.helpdeskUser(BEA, "Bea", "Tech", "bea@acme-psa.test", true)));
        writer.upsert(id, MirroredEntity.COMPANIES, List.of(MirrorSeed.company(0, "Contoso Dental")));
        writer.upsert(id, MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(MINE, "Printer offline on floor 2", "1", LEVEL_ONE, ALEX,
                        MirrorSeed.T0.plusSeconds(300)),
                MirrorSeed.ticket(UNASSIGNED, "VPN drops every hour", "8", MONITORING, null,
                        MirrorSeed.T0.plusSeconds(200)),
                MirrorSeed.ticket(BEAS, "Mailbox full", "1", LEVEL_ONE, BEA, MirrorSeed.T0.plusSeconds(100))));
        Instant noon = MirrorSeed.T0.plusSeconds(3 * 3600);
        writer.upsert(id, MirroredEntity.TICKET_NOTES, List.of(
                // Written out of order on purpose: the thread shows the oldest first.
                new HelpdeskNote(9002, MINE, "Replaced toner", "Toner swapped; printing a test page.", "1", "2", ALEX,
                        noon, noon, noon, "{}"),
                new HelpdeskNote(9001, MINE, "First look", "Printer shows offline in the queue.", "1", "1", BEA,
                        MirrorSeed.T0, MirrorSeed.T0, MirrorSeed.T0, "{}")));
        writer.upsert(id, MirroredEntity.TIME_ENTRIES, List.of(MirrorSeed.timeEntry(9501, MINE, "1.50")));
        context.getBean(MappingHelpdeskUsers.class).bind(id, ALEX, account.agent().id(), account.admin().id());
    }
}
