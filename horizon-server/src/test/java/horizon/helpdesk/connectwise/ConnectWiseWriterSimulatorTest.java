package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWrite.NoteVisibility;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.fault.FaultRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writer against the ConnectWise simulator over real HTTP: each write lands in the simulator's records (read
 * through its control API), refusals come out permanent in ConnectWise's words, and an earlier attempt's note or time
 * entry is found again. One clock, moved by the test, runs both sides, so "before since" needs no sleeping.
 */
class ConnectWiseWriterSimulatorTest {

    private static final MovableClock CLOCK = new MovableClock();

    private static ConnectWiseSimulator simulator;
    private static SimulatedConnectWise connectWise;
    private static ConnectWiseWriter writer;
    private static HelpdeskCredentials credentials;
    private static HelpdeskWrite.Author dana;
    private static HelpdeskWrite.Author otherTechnician;

    @BeforeAll
    static void start() {
        simulator = ConnectWiseSimulator.start(ConnectWiseOptions.defaults().withRequestsPerMinute(100_000)
                .withSize(new ConnectWiseOptions.MspSize(4, 8, 4, 30, 2)), CLOCK);
        connectWise = SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator), CLOCK,
                d -> Thread.sleep(d.toMillis()));
        writer = new ConnectWiseWriter(connectWise.api(), connectWise.reader(), CLOCK);
        credentials = connectWise.credentials();
        dana = author(simulator.control().technicians().get(0));
        otherTechnician = author(simulator.control().technicians().get(1));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void healthyAgain() {
        simulator.control().faults().requestFaults().clear();
    }

    @Test
    void assignMakesTheMemberTheTicketsOwner() {
        long ticket = openTicket();
        HelpdeskWrite.Assign assign = new HelpdeskWrite.Assign(ticket, dana, otherTechnician.resourceId(), 99L);

        HelpdeskTicket returned = (HelpdeskTicket) writer.send(credentials, assign);

        assertThat(record(Kind.TICKETS, ticket).path("owner").path("id").asLong())
                .isEqualTo(otherTechnician.resourceId());
        assertThat(returned.externalId()).isEqualTo(ticket);
        assertThat(returned.assigneeResourceId()).isEqualTo(otherTechnician.resourceId());
    }

    @Test
    void changeStatusSetsTheBoardsStatusById() {
        long ticket = openTicket();
        long board = record(Kind.TICKETS, ticket).path("board").path("id").asLong();
        long waiting = simulator.control().statusId(board, "Waiting on Customer");

        HelpdeskTicket returned = (HelpdeskTicket) writer.send(credentials,
                new HelpdeskWrite.ChangeStatus(ticket, dana, String.valueOf(waiting)));

        assertThat(record(Kind.TICKETS, ticket).path("status").path("id").asLong()).isEqualTo(waiting);
        assertThat(returned.status()).isEqualTo(String.valueOf(waiting));
        assertThat(returned.queueId()).isEqualTo(board);
    }

    @ParameterizedTest
    @EnumSource(NoteVisibility.class)
    void aNoteLandsWithItsVisibilitysFlagAndNamesItsAuthor(NoteVisibility visibility) {
        long ticket = openTicket();

        HelpdeskNote returned = (HelpdeskNote) writer.send(credentials,
                new HelpdeskWrite.AddNote(ticket, dana, "ignored", "Rebooted the switch.", visibility));

        ObjectNode stored = record(Kind.NOTES, returned.externalId());
        assertThat(stored.path("ticketId").asLong()).isEqualTo(ticket);
        assertThat(stored.path("text").asString()).isEqualTo(dana.name() + " (via Horizon): Rebooted the switch.");
        assertThat(stored.path("detailDescriptionFlag").asBoolean()).isEqualTo(visibility == NoteVisibility.PUBLIC);
        assertThat(stored.path("internalAnalysisFlag").asBoolean()).isEqualTo(visibility == NoteVisibility.INTERNAL);
        assertThat(stored.path("resolutionFlag").asBoolean()).isEqualTo(visibility == NoteVisibility.RESOLUTION);
        assertThat(stored.path("processNotifications").asBoolean()).isFalse();
        assertThat(returned.description()).isEqualTo(stored.path("text").asString());
        assertThat(returned.publish()).isEqualTo(ConnectWiseRecords.visibility(stored));
    }

    @Test
    void aTimeEntryIsLoggedUnderItsAuthorOnTheTicket() {
        long ticket = openTicket();
        long workRole = simulator.control().records(Kind.WORK_ROLES).get(1).path("id").asLong();
        Instant start = Instant.parse("2026-03-02T09:00:00.400Z");
        HelpdeskWrite.LogTime time = new HelpdeskWrite.LogTime(ticket, dana, workRole, start,
                start.plus(Duration.ofMinutes(90)), "Replaced the\nfailed disk");

        HelpdeskTimeEntry returned = (HelpdeskTimeEntry) writer.send(credentials, time);

        ObjectNode stored = record(Kind.TIME_ENTRIES, returned.externalId());
        assertThat(stored.path("chargeToType").asString()).isEqualTo("ServiceTicket");
        assertThat(stored.path("chargeToId").asLong()).isEqualTo(ticket);
        assertThat(stored.path("member").path("id").asLong()).isEqualTo(dana.resourceId());
        assertThat(stored.path("timeStart").asString()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(stored.path("timeEnd").asString()).isEqualTo("2026-03-02T10:30:00Z");
        assertThat(stored.path("actualHours").asDouble()).isEqualTo(1.5);
        assertThat(stored.path("notes").asString()).isEqualTo("Replaced the failed disk");
        assertThat(stored.path("workRole").path("id").asLong()).isEqualTo(workRole);
        assertThat(returned.ticketId()).isEqualTo(ticket);
        assertThat(returned.resourceId()).isEqualTo(dana.resourceId());
        assertThat(returned.roleId()).isEqualTo(workRole);
    }

    @Test
    void anUnknownStatusIsRefusedPermanentlyInConnectWisesWords() {
        long ticket = openTicket();
        JsonNode before = record(Kind.TICKETS, ticket);

        assertThatThrownBy(() -> writer.send(credentials, new HelpdeskWrite.ChangeStatus(ticket, dana, "987654")))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.psaMessage().orElseThrow()).contains("ticket object is invalid")
                            .contains("Status with id '987654' was not found");
                });
        assertThat(record(Kind.TICKETS, ticket).path("status")).isEqualTo(before.path("status"));
    }

    @Test
    void anUnknownMemberIsRefusedPermanentlyAndLogsNoTime() {
        long ticket = openTicket();
        HelpdeskWrite.Author nobody = new HelpdeskWrite.Author(987_654, "No Body");
        Instant start = CLOCK.instant().minus(Duration.ofHours(1));
        int entriesBefore = simulator.control().records(Kind.TIME_ENTRIES).size();

        assertThatThrownBy(() -> writer.send(credentials, new HelpdeskWrite.LogTime(ticket, nobody, null, start,
                start.plus(Duration.ofMinutes(30)), "Nothing")))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.psaMessage().orElseThrow()).contains("Member with id '987654' was not found");
                });
        assertThat(simulator.control().records(Kind.TIME_ENTRIES)).hasSize(entriesBefore);
    }

    @Test
    void aWriteToAMissingTicketIsNotFound() {
        assertThatThrownBy(() -> writer.send(credentials, new HelpdeskWrite.Assign(987_654, dana, dana.resourceId(),
                null))).isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.NOT_FOUND);
                    assertThat(e.retriable()).isFalse();
                });
    }

    @Test
    void aNoteWhoseAnswerWasLostIsSentOnceAndFoundByFindCreated() {
        long ticket = openTicket();
        Instant since = CLOCK.instant();
        HelpdeskWrite.AddNote note = new HelpdeskWrite.AddNote(ticket, dana, null, "Line one\r\nline two\fend",
                NoteVisibility.INTERNAL);
        simulator.control().faults().requestFaults().add(new FaultRule("POST", "service/tickets/*/notes", 1, 1,
                FaultRule.Kind.COMMIT_THEN_ERROR, 503, Duration.ZERO, 1.0));
        long postsBefore = requests("service/tickets/*/notes");

        assertThatThrownBy(() -> writer.send(credentials, note)).isInstanceOfSatisfying(HelpdeskException.class,
                e -> assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT));
        assertThat(requests("service/tickets/*/notes") - postsBefore).isEqualTo(1);

        Optional<HelpdeskRecord> found = writer.findCreated(credentials, note, since, Set.of());

        ObjectNode stored = simulator.control().records(Kind.NOTES).stream()
                .filter(n -> n.path("ticketId").asLong() == ticket).reduce((a, b) -> b).orElseThrow();
        assertThat(stored.path("text").asString())
                .isEqualTo(dana.name() + " (via Horizon): Line one  line two end");
        assertThat(found).map(HelpdeskRecord::externalId).contains(stored.path("id").asLong());
    }

    @Test
    void findCreatedIgnoresNotesTakenOrMadeBeforeSinceOrOtherwise() {
        long ticket = openTicket();
        HelpdeskWrite.AddNote note = new HelpdeskWrite.AddNote(ticket, dana, null, "Called the customer.\nNo answer.",
                NoteVisibility.PUBLIC);
        long earlier = writer.send(credentials, note).externalId();
        CLOCK.advance(Duration.ofMinutes(5));
        Instant since = CLOCK.instant();
        assertThat(writer.findCreated(credentials, note, since, Set.of())).isEmpty();

        writer.send(credentials, new HelpdeskWrite.AddNote(ticket, dana, null, note.text(), NoteVisibility.INTERNAL));
        writer.send(credentials, new HelpdeskWrite.AddNote(ticket, otherTechnician, null, note.text(),
                NoteVisibility.PUBLIC));
        assertThat(writer.findCreated(credentials, note, since, Set.of())).isEmpty();

        long again = writer.send(credentials, note).externalId();
        assertThat(writer.findCreated(credentials, note, since, Set.of())).map(HelpdeskRecord::externalId)
                .contains(again);
        assertThat(writer.findCreated(credentials, note, since, Set.of(again))).isEmpty();
        assertThat(writer.findCreated(credentials, note, since.minus(Duration.ofMinutes(10)), Set.of(earlier)))
                .map(HelpdeskRecord::externalId).contains(again);
    }

    @Test
    void findCreatedFindsAnEarlierTimeEntryButNotOneTakenOrBeforeSince() {
        long ticket = openTicket();
        Instant start = CLOCK.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        HelpdeskWrite.LogTime time = new HelpdeskWrite.LogTime(ticket, dana, null, start,
                start.plus(Duration.ofMinutes(45)), "Patched the\r\nserver");
        Instant since = CLOCK.instant();
        long logged = writer.send(credentials, time).externalId();
        simulator.control().addTimeEntry(ticket, otherTechnician.resourceId(), 0.75, "Patched the  server");

        Optional<HelpdeskRecord> found = writer.findCreated(credentials, time, since, Set.of());

        assertThat(found).map(HelpdeskRecord::externalId).contains(logged);
        assertThat(record(Kind.TIME_ENTRIES, logged).path("member").path("id").asLong())
                .isEqualTo(dana.resourceId());
        assertThat(writer.findCreated(credentials, time, since, Set.of(logged))).isEmpty();
        assertThat(writer.findCreated(credentials, new HelpdeskWrite.LogTime(ticket, dana, null, start,
                start.plus(Duration.ofMinutes(46)), time.summary()), since, Set.of())).isEmpty();
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(writer.findCreated(credentials, time, CLOCK.instant(), Set.of())).isEmpty();
    }

    @Test
    void ticketReadsTheTicketAndIsEmptyForAnUnknownId() {
        long ticket = openTicket();

        assertThat(writer.ticket(credentials, ticket)).map(HelpdeskTicket::externalId).contains(ticket);
        assertThat(writer.ticket(credentials, 987_654)).isEmpty();
    }

    @Test
    void theCompletingStatusIsTheBoardsClosedStatusCachedForAnHour() {
        long ticket = openTicket();
        HelpdeskTicket read = writer.ticket(credentials, ticket).orElseThrow();
        long completed = simulator.control().statusId(read.queueId(), "Completed");
        long before = requests("service/boards/*/statuses");

        String status = writer.completeStatus(credentials, read);
        String again = writer.completeStatus(credentials, read);

        assertThat(status).isEqualTo(again).isEqualTo(String.valueOf(completed));
        assertThat(requests("service/boards/*/statuses") - before).isEqualTo(1);
        CLOCK.advance(Duration.ofMinutes(61));
        assertThat(writer.completeStatus(credentials, read)).isEqualTo(status);
        assertThat(requests("service/boards/*/statuses") - before).isEqualTo(2);

        HelpdeskTicket closed = (HelpdeskTicket) writer.send(credentials,
                new HelpdeskWrite.ChangeStatus(ticket, dana, status));
        assertThat(record(Kind.TICKETS, ticket).path("closedFlag").asBoolean()).isTrue();
        assertThat(closed.completedAt()).isNotNull();
    }

    @Test
    void createTicketOpensOneForTheMspOnTheFirstActiveServiceBoard() {
        HelpdeskTicket created = writer.createTicket(credentials, "Horizon test ticket", "Opened by\nHorizon's test");

        ObjectNode stored = record(Kind.TICKETS, created.externalId());
        JsonNode msp = simulator.control().records(Kind.COMPANIES).stream()
                .filter(c -> c.path("name").asString().equals("Horizon Demo MSP")).findFirst().orElseThrow();
        JsonNode board = simulator.control().records(Kind.BOARDS).stream()
                .filter(b -> !b.path("inactiveFlag").asBoolean() && !b.path("projectFlag").asBoolean())
                .findFirst().orElseThrow();
        assertThat(stored.path("summary").asString()).isEqualTo("Horizon test ticket");
        assertThat(stored.path("company").path("id").asLong()).isEqualTo(msp.path("id").asLong());
        assertThat(stored.path("board").path("id").asLong()).isEqualTo(board.path("id").asLong());
        assertThat(stored.path("status").path("name").asString()).isEqualTo("New");
        assertThat(simulator.control().records(Kind.NOTES)).anyMatch(n -> n.path("ticketId").asLong()
                == created.externalId() && n.path("detailDescriptionFlag").asBoolean()
                && n.path("text").asString().equals("Opened by Horizon's test"));
        assertThat(created.title()).isEqualTo("Horizon test ticket");
        assertThat(created.companyId()).isEqualTo(msp.path("id").asLong());
    }

    /** A fresh ticket opened by a technician, so tests do not see each other's writes. */
    private static long openTicket() {
        return simulator.control().createTicket(Map.of("summary", "Printer jammed"));
    }

    private static ObjectNode record(Kind kind, long id) {
        return simulator.control().get(kind, id).orElseThrow();
    }

    private static HelpdeskWrite.Author author(long memberId) {
        JsonNode member = record(Kind.MEMBERS, memberId);
        return new HelpdeskWrite.Author(memberId, member.path("firstName").asString() + " "
                + member.path("lastName").asString());
    }

    /** Requests the simulator answered on an endpoint, whatever their status. */
    private static long requests(String endpoint) {
        long total = 0;
        for (JsonNode count : simulator.control().counters().path("requests").path(endpoint)) {
            total += count.asLong();
        }
        return total;
    }

    /** The wall clock, moved ahead when a test says so; shared by the simulator and Horizon's side. */
    private static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }
}
