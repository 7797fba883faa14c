package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWrite.Author;
import horizon.helpdesk.HelpdeskWrite.NoteVisibility;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.core.fault.FaultRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Autotask writer against the simulator over real HTTP: every write is checked in the simulator's own state, with
 * the resource Autotask records it as.
 */
class AutotaskWriterSimulatorTest {

    private static final AtomicInteger TICKETS = new AtomicInteger();

    private static AutotaskSimulator simulator;
    private static AutotaskWriter writer;
    private static HelpdeskCredentials credentials;
    private static long apiUser;
    private static Author agent;
    private static long colleague;

    @BeforeAll
    static void start() {
        simulator = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(5, 20, 6, 30, 2)));
        SimulatedAutotask autotask = SimulatedAutotask.wire(simulator, AutotaskGateProperties.defaults());
        writer = autotask.writer(Clock.systemUTC());
        credentials = autotask.credentials();
        apiUser = simulator.apiUser().resourceId();
        agent = new Author(simulator.control().technicians().get(0), "Dana Reyes");
        colleague = simulator.control().technicians().get(1);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void faithfulAgain() {
        simulator.control().clearFaults();
    }

    @Test
    void assignMakesTheResourceThePrimaryAssigneeInTheGivenRoleAsTheAuthor() {
        long ticket = ticket();
        long role = rolesOf(colleague).get(rolesOf(colleague).size() - 1);

        HelpdeskRecord written = writer.send(credentials, new HelpdeskWrite.Assign(ticket, agent, colleague, role));

        JsonNode stored = stored("Tickets", ticket);
        assertThat(stored.path("assignedResourceID").asLong()).isEqualTo(colleague);
        assertThat(stored.path("assignedResourceRoleID").asLong()).isEqualTo(role);
        assertThat(stored.path("lastActivityResourceID").asLong()).isEqualTo(agent.resourceId());
        assertThat(written).isInstanceOfSatisfying(HelpdeskTicket.class, t -> {
            assertThat(t.externalId()).isEqualTo(ticket);
            assertThat(t.assigneeResourceId()).isEqualTo(colleague);
            assertThat(t.assigneeRoleId()).isEqualTo(role);
        });
    }

    @Test
    void assignWithoutARoleUsesTheResourcesDefaultServiceDeskRole() {
        long ticket = ticket();
        long defaultRole = stored("Resources", colleague).path("defaultServiceDeskRoleID").asLong();

        writer.send(credentials, new HelpdeskWrite.Assign(ticket, agent, colleague, null));

        assertThat(stored("Tickets", ticket).path("assignedResourceRoleID").asLong()).isEqualTo(defaultRole);
    }

    @Test
    void assignInARoleTheResourceDoesNotHoldIsRefusedForGoodInAutotasksWords() {
        long ticket = ticket();
        List<Long> held = rolesOf(colleague);
        long notHeld = ids("Roles").stream().filter(r -> !held.contains(r)).findFirst().orElseThrow();

        HelpdeskException refused = catchThrowableOfType(
                () -> writer.send(credentials, new HelpdeskWrite.Assign(ticket, agent, colleague, notHeld)),
                HelpdeskException.class);

        assertThat(refused.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(refused.retriable()).isFalse();
        assertThat(refused.psaMessage()).hasValueSatisfying(said -> assertThat(said)
                .contains("is not assigned the Role " + notHeld));
        assertThat(stored("Tickets", ticket).path("assignedResourceID").isNull()).isTrue();
    }

    @Test
    void changeStatusSetsTheStatusAsTheAuthor() {
        long ticket = ticket();
        long inProgress = simulator.control().picklistCode("Tickets", "status", "In Progress");

        HelpdeskRecord written = writer.send(credentials,
                new HelpdeskWrite.ChangeStatus(ticket, agent, Long.toString(inProgress)));

        JsonNode stored = stored("Tickets", ticket);
        assertThat(stored.path("status").asLong()).isEqualTo(inProgress);
        assertThat(stored.path("lastActivityResourceID").asLong()).isEqualTo(agent.resourceId());
        assertThat(((HelpdeskTicket) written).status()).isEqualTo(Long.toString(inProgress));
    }

    @Test
    void theCompleteStatusIsAutotasksCompleteAndCompletesTheTicket() {
        long ticket = ticket();
        HelpdeskTicket before = writer.ticket(credentials, ticket).orElseThrow();

        String complete = writer.completeStatus(credentials, before);
        writer.send(credentials, new HelpdeskWrite.ChangeStatus(ticket, agent, complete));

        assertThat(complete).isEqualTo("5");
        JsonNode stored = stored("Tickets", ticket);
        assertThat(stored.path("status").asLong()).isEqualTo(5);
        assertThat(stored.path("completedDate").isNull()).isFalse();
        assertThat(stored.path("completedByResourceID").asLong()).isEqualTo(agent.resourceId());
    }

    @Test
    void aPublicNoteIsWrittenAsTheAuthorForAllAutotaskUsers() {
        long ticket = ticket();

        HelpdeskRecord written = writer.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, "Called back",
                "Customer confirmed the printer works.", NoteVisibility.PUBLIC));

        JsonNode stored = stored("TicketNotes", written.externalId());
        assertThat(stored.path("ticketID").asLong()).isEqualTo(ticket);
        assertThat(stored.path("title").asString()).isEqualTo("Called back");
        assertThat(stored.path("description").asString()).isEqualTo("Customer confirmed the printer works.");
        assertThat(stored.path("creatorResourceID").asLong()).isEqualTo(agent.resourceId());
        assertThat(stored.path("impersonatorCreatorResourceID").asLong()).isEqualTo(apiUser);
        assertThat(stored.path("publish").asLong()).isEqualTo(code("TicketNotes", "publish", "All Autotask Users"));
        assertThat(stored.path("noteType").asLong()).isEqualTo(code("TicketNotes", "noteType", "Task Detail"));
        assertThat(written).isInstanceOfSatisfying(HelpdeskNote.class, note -> {
            assertThat(note.ticketId()).isEqualTo(ticket);
            assertThat(note.creatorResourceId()).isEqualTo(agent.resourceId());
            assertThat(note.publish()).isEqualTo(stored.path("publish").asString());
        });
    }

    @Test
    void anInternalNoteIsInternalOnlyAndAResolutionIsPublicWithTheResolutionNoteType() {
        long ticket = ticket();

        long internal = writer.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, "Checked logs",
                "Spooler crashed at 09:12.", NoteVisibility.INTERNAL)).externalId();
        long resolution = writer.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, "Fixed",
                "Replaced the driver.", NoteVisibility.RESOLUTION)).externalId();

        assertThat(stored("TicketNotes", internal).path("publish").asLong())
                .isEqualTo(code("TicketNotes", "publish", "Internal Only"));
        assertThat(stored("TicketNotes", internal).path("noteType").asLong())
                .isEqualTo(code("TicketNotes", "noteType", "Task Detail"));
        assertThat(stored("TicketNotes", resolution).path("publish").asLong())
                .isEqualTo(code("TicketNotes", "publish", "All Autotask Users"));
        assertThat(stored("TicketNotes", resolution).path("noteType").asLong())
                .isEqualTo(code("TicketNotes", "noteType", "Resolution"));
    }

    @Test
    void aNoteWithoutATitleIsTitledWithTheFirstLineOfItsText() {
        long ticket = ticket();

        long note = writer.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, " ",
                "\nRebooted the switch.\nAll ports up again.", NoteVisibility.PUBLIC)).externalId();

        assertThat(stored("TicketNotes", note).path("title").asString()).isEqualTo("Rebooted the switch.");
    }

    @Test
    void loggedTimeIsTheAuthorsInTheirDefaultRole() {
        long ticket = ticket();
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofMinutes(90));

        HelpdeskRecord written = writer.send(credentials,
                new HelpdeskWrite.LogTime(ticket, agent, null, start, end, "Replaced the toner."));

        JsonNode stored = stored("TimeEntries", written.externalId());
        assertThat(stored.path("ticketID").asLong()).isEqualTo(ticket);
        assertThat(stored.path("resourceID").asLong()).isEqualTo(agent.resourceId());
        assertThat(stored.path("roleID").asLong())
                .isEqualTo(stored("Resources", agent.resourceId()).path("defaultServiceDeskRoleID").asLong());
        assertThat(stored.path("impersonatorCreatorResourceID").asLong()).isEqualTo(apiUser);
        assertThat(Instant.parse(stored.path("startDateTime").asString())).isEqualTo(start);
        assertThat(Instant.parse(stored.path("endDateTime").asString())).isEqualTo(end);
        assertThat(stored.path("hoursWorked").asDouble()).isEqualTo(1.5);
        assertThat(stored.path("summaryNotes").asString()).isEqualTo("Replaced the toner.");
        assertThat(stored.path("timeEntryType").asLong()).isEqualTo(code("TimeEntries", "timeEntryType", "Ticket"));
        assertThat(written).isInstanceOfSatisfying(HelpdeskTimeEntry.class, entry -> {
            assertThat(entry.resourceId()).isEqualTo(agent.resourceId());
            assertThat(entry.hoursWorked()).isEqualByComparingTo(new BigDecimal("1.5"));
            assertThat(entry.startAt()).isEqualTo(start);
        });
    }

    @Test
    void writingAsAnInactiveResourceIsRefusedForGoodInAutotasksWords() {
        long ticket = ticket();
        long inactive = StreamSupport.stream(dump("Resources").spliterator(), false)
                .filter(r -> !r.path("isActive").asBoolean()).mapToLong(r -> r.path("id").asLong()).findFirst()
                .orElseThrow();

        HelpdeskException refused = catchThrowableOfType(() -> writer.send(credentials, new HelpdeskWrite.AddNote(
                ticket, new Author(inactive, "Left the company"), "Hello", "Hello", NoteVisibility.PUBLIC)),
                HelpdeskException.class);

        assertThat(refused.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(refused.retriable()).isFalse();
        assertThat(refused.psaMessage()).contains(
                "The ImpersonationResourceId " + inactive + " does not reference an active Resource.");
        assertThat(notesOn(ticket)).isEmpty();
    }

    @Test
    void aServerErrorWithoutAReasonIsRetriableAndSentOnlyOnce() {
        long ticket = ticket();
        long before = simulator.control().counters().count("Tickets", 500);
        simulator.control().requestFaults().add(new FaultRule("PATCH", "Tickets", 1, 1,
                FaultRule.Kind.ERROR_BEFORE, 500, Duration.ZERO, 1.0));

        HelpdeskException failed = catchThrowableOfType(() -> writer.send(credentials,
                new HelpdeskWrite.ChangeStatus(ticket, agent, "5")), HelpdeskException.class);

        assertThat(failed.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failed.retriable()).isTrue();
        assertThat(simulator.control().counters().count("Tickets", 500) - before).isEqualTo(1);
        assertThat(stored("Tickets", ticket).path("status").asLong()).isNotEqualTo(5);
    }

    @Test
    void findCreatedFindsTheNoteWhoseAnswerWasLostUnlessTakenOrOlder() {
        long ticket = ticket();
        Instant since = Instant.now().minusSeconds(1);
        HelpdeskWrite.AddNote write = new HelpdeskWrite.AddNote(ticket, agent, null, "Ordered a new fuser.",
                NoteVisibility.INTERNAL);
        simulator.control().requestFaults().add(new FaultRule("POST", "Tickets/*/Notes", 1, 1,
                FaultRule.Kind.COMMIT_THEN_ERROR, 500, Duration.ZERO, 1.0));

        HelpdeskException lost = catchThrowableOfType(() -> writer.send(credentials, write), HelpdeskException.class);
        Optional<HelpdeskRecord> found = writer.findCreated(credentials, write, since, Set.of());

        assertThat(lost.retriable()).isTrue();
        assertThat(notesOn(ticket)).hasSize(1);
        long made = notesOn(ticket).get(0).path("id").asLong();
        assertThat(found).hasValueSatisfying(note -> assertThat(note).isInstanceOfSatisfying(HelpdeskNote.class, n -> {
            assertThat(n.externalId()).isEqualTo(made);
            assertThat(n.title()).isEqualTo("Ordered a new fuser.");
        }));
        assertThat(writer.findCreated(credentials, write, since, Set.of(made))).isEmpty();
        Instant after = ((HelpdeskNote) found.orElseThrow()).createdAt().plusMillis(1);
        assertThat(writer.findCreated(credentials, write, after, Set.of())).isEmpty();
    }

    @Test
    void findCreatedComparesNoteTextAsAutotaskStoresItAndOnlyTheAuthors() {
        long ticket = ticket();
        Instant since = Instant.now().minusSeconds(1);
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("title", "Remote session");
        note.put("description", "Connected.\r\nCleared the queue. ");
        long byColleague = simulator.control().as(colleague).addNote(ticket, note);
        long byAgent = simulator.control().as(agent.resourceId()).addNote(ticket, note);

        Optional<HelpdeskRecord> found = writer.findCreated(credentials, new HelpdeskWrite.AddNote(ticket, agent,
                "Remote session", "Connected.\nCleared the queue.", NoteVisibility.PUBLIC), since, Set.of());

        assertThat(byColleague).isLessThan(byAgent);
        assertThat(found).map(HelpdeskRecord::externalId).hasValue(byAgent);
    }

    @Test
    void findCreatedFindsTimeLoggedEarlierWithTheSameTimesAndSummary() {
        long ticket = ticket();
        Instant since = Instant.now().minusSeconds(1);
        Instant start = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        HelpdeskWrite.LogTime write = new HelpdeskWrite.LogTime(ticket, agent, null, start,
                start.plus(Duration.ofMinutes(20)), "Swapped the drum.");
        long logged = writer.send(credentials, write).externalId();

        assertThat(writer.findCreated(credentials, write, since, Set.of())).map(HelpdeskRecord::externalId)
                .hasValue(logged);
        assertThat(writer.findCreated(credentials, write, since, Set.of(logged))).isEmpty();
        assertThat(writer.findCreated(credentials, new HelpdeskWrite.LogTime(ticket, agent, null, start,
                start.plus(Duration.ofMinutes(20)), "Something else."), since, Set.of())).isEmpty();
        assertThat(writer.findCreated(credentials, write, Instant.now().plusSeconds(1), Set.of())).isEmpty();
        assertThat(stored("TimeEntries", logged).path("hoursWorked").asDouble()).isEqualTo(0.3333);
    }

    @Test
    void ticketIsTheStoredTicketAndEmptyForAnUnknownId() {
        long ticket = ticket();

        assertThat(writer.ticket(credentials, ticket)).map(HelpdeskTicket::number)
                .hasValue(stored("Tickets", ticket).path("ticketNumber").asString());
        assertThat(writer.ticket(credentials, 987_654_321L)).isEmpty();
    }

    @Test
    void createTicketMakesANewTicketOnTheOwnCompanyAsTheApiUser() {
        Instant before = Instant.now();

        HelpdeskTicket created = writer.createTicket(credentials, "Horizon test ticket", "Made by the smoke test.");

        JsonNode stored = stored("Tickets", created.externalId());
        assertThat(stored.path("companyID").asLong()).isZero();
        assertThat(stored.path("title").asString()).isEqualTo("Horizon test ticket");
        assertThat(stored.path("description").asString()).isEqualTo("Made by the smoke test.");
        assertThat(stored.path("status").asLong()).isEqualTo(code("Tickets", "status", "New"));
        assertThat(stored.path("priority").asLong()).isEqualTo(code("Tickets", "priority", "Medium"));
        assertThat(stored.path("queueID").asLong()).isEqualTo(code("Tickets", "queueID", "Level I Support"));
        assertThat(stored.path("creatorResourceID").asLong()).isEqualTo(apiUser);
        assertThat(stored.path("impersonatorCreatorResourceID").isNull()).isTrue();
        assertThat(created.dueAt()).isBetween(before.plus(Duration.ofDays(1)).minusSeconds(1),
                Instant.now().plus(Duration.ofDays(1)).plusSeconds(1));
        assertThat(created.number()).isEqualTo(stored.path("ticketNumber").asString());
    }

    @Test
    void notePicklistsAreReadOnceAnHourPerTenant() {
        SimulatedAutotask.ManualClock clock = new SimulatedAutotask.ManualClock(Instant.now());
        AutotaskWriter hourly = SimulatedAutotask.wire(simulator, AutotaskGateProperties.defaults()).writer(clock);
        long ticket = ticket();
        long before = fieldReads();

        hourly.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, "One", "First.", NoteVisibility.PUBLIC));
        hourly.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, "Two", "Second.", NoteVisibility.INTERNAL));
        long withinTheHour = fieldReads() - before;
        clock.advance(AutotaskPicklistCache.KEPT);
        hourly.send(credentials, new HelpdeskWrite.AddNote(ticket, agent, "Three", "Third.", NoteVisibility.PUBLIC));

        assertThat(withinTheHour).isEqualTo(1);
        assertThat(fieldReads() - before).isEqualTo(2);
        assertThat(notesOn(ticket)).hasSize(3);
    }

    /** Requests on the TicketNotes endpoint: the writer sends notes under Tickets, so these are its picklist reads. */
    private static long fieldReads() {
        return simulator.control().counters().count("TicketNotes", 200);
    }

    private static long ticket() {
        return simulator.control().createTicket(Map.of("title", "Writer test " + TICKETS.incrementAndGet()));
    }

    private static JsonNode stored(String entity, long id) {
        return simulator.control().get(entity, id).orElseThrow();
    }

    private static long code(String entity, String field, String label) {
        return simulator.control().picklistCode(entity, field, label);
    }

    private static JsonNode dump(String entity) {
        return simulator.control().dump().path("entities").path(entity);
    }

    private static List<Long> ids(String entity) {
        return StreamSupport.stream(dump(entity).spliterator(), false).map(r -> r.path("id").asLong()).toList();
    }

    private static List<Long> rolesOf(long resource) {
        return StreamSupport.stream(dump("ResourceRoles").spliterator(), false)
                .filter(r -> r.path("resourceID").asLong() == resource && r.path("isActive").asBoolean())
                .map(r -> r.path("roleID").asLong()).toList();
    }

    private static List<JsonNode> notesOn(long ticket) {
        return StreamSupport.stream(dump("TicketNotes").spliterator(), false)
                .filter(n -> n.path("ticketID").asLong() == ticket).toList();
    }
}
