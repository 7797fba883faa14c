package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskReader.IdPage;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.fault.FaultRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reader against the ConnectWise simulator over real HTTP: counts agree with pages, id ranges and change windows
 * split the records exactly, notes per ticket and time entries in bulk, ids, ticket numbers, board-dependent
 * picklists, and the gate's answers to 429, a stalled body and an answer past the size cap.
 */
class ConnectWiseReaderSimulatorTest {

    private static ConnectWiseSimulator simulator;
    private static SimulatedConnectWise connectWise;
    private static final List<Duration> PAUSES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        simulator = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(5, 20, 4, 1_200, 3)));
        connectWise = SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator),
                Clock.systemUTC(), PAUSES::add);
        connectWise.api().discover(connectWise.credentials());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void healthyAgain() {
        simulator.control().faults().requestFaults().clear();
        simulator.control().faults().requestFaults().burst429(0);
        PAUSES.clear();
    }

    @Test
    void theCountAgreesWithThePagesWhichComeInIdOrder() {
        long count = connectWise.reader().count(connectWise.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS));
        List<Long> ids = ids(readAll(RecordQuery.all(HelpdeskEntity.TICKETS)));

        assertThat(count).isEqualTo(simulator.control().records(Kind.TICKETS).size()).isGreaterThan(1_000);
        assertThat(ids).hasSize((int) count).isSorted().doesNotHaveDuplicates();
        assertThat(ids).containsExactlyElementsOf(simulator.control().records(Kind.TICKETS).stream()
                .map(t -> t.get("id").asLong()).toList());
    }

    @Test
    void idRangesSplitTheRecordsExactly() {
        List<Long> all = simulator.control().records(Kind.TICKETS).stream().map(t -> t.get("id").asLong()).toList();
        long middle = all.get(all.size() / 2);
        RecordQuery tickets = RecordQuery.all(HelpdeskEntity.TICKETS);

        List<Long> low = ids(readAll(tickets.inIds(0, middle)));
        List<Long> high = ids(readAll(tickets.inIds(middle, null)));

        assertThat(low).allMatch(id -> id <= middle).isNotEmpty();
        assertThat(high).allMatch(id -> id > middle).isNotEmpty();
        List<Long> both = new ArrayList<>(low);
        both.addAll(high);
        assertThat(both).containsExactlyElementsOf(all);
        assertThat(connectWise.reader().count(connectWise.credentials(), tickets.inIds(0, middle)))
                .isEqualTo(low.size());
    }

    @Test
    void changeWindowsSplitTheRecordsOnLastUpdated() {
        List<ObjectNode> tickets = simulator.control().records(Kind.TICKETS);
        List<Instant> updated = tickets.stream().map(t -> Instant.parse(t.get("_info").get("lastUpdated").asString()))
                .sorted().toList();
        Instant cut = updated.get(updated.size() * 3 / 4).plusMillis(500);
        long expectedSince = updated.stream().filter(u -> !u.isBefore(cut.minusMillis(500))).count();

        List<HelpdeskRecord> since = readAll(RecordQuery.changedSince(HelpdeskEntity.TICKETS, cut));
        List<HelpdeskRecord> before = readAll(RecordQuery.all(HelpdeskEntity.TICKETS).changedBefore(cut));

        // ConnectWise keeps seconds: "since" starts at the cut's whole second, "before" ends after it
        assertThat(since).hasSize((int) expectedSince)
                .allMatch(r -> !r.remoteUpdatedAt().isBefore(cut.minusMillis(500)));
        assertThat(before).allMatch(r -> r.remoteUpdatedAt().isBefore(cut.plusMillis(500)));
        Set<Long> union = new TreeSet<>(ids(since));
        union.addAll(ids(before));
        assertThat(union).hasSize(tickets.size());
        assertThat(connectWise.reader().count(connectWise.credentials(),
                RecordQuery.changedSince(HelpdeskEntity.TICKETS, cut))).isEqualTo(expectedSince);
    }

    @Test
    void aNoteAddedMovesItsTicketIntoTheChangeWindow() throws InterruptedException {
        Instant before = Instant.now().plusSeconds(1);
        long ticket = simulator.control().records(Kind.TICKETS).get(0).get("id").asLong();
        Thread.sleep(1_100);
        simulator.control().addNote(ticket, "Called back, all good now", false);

        assertThat(ids(readAll(RecordQuery.changedSince(HelpdeskEntity.TICKETS, before)))).contains(ticket);
    }

    @Test
    void notesAreReadPerTicketWithTheirVisibility() {
        Map<Long, List<ObjectNode>> notesByTicket = simulator.control().records(Kind.NOTES).stream()
                .collect(Collectors.groupingBy(n -> n.get("ticketId").asLong()));
        long ticket = notesByTicket.entrySet().stream().filter(e -> e.getValue().size() >= 2).findFirst()
                .orElseThrow().getKey();

        List<HelpdeskRecord> notes = readAll(RecordQuery.childrenOf(HelpdeskEntity.TICKET_NOTES, List.of(ticket)));

        assertThat(ids(notes)).containsExactlyElementsOf(notesByTicket.get(ticket).stream()
                .map(n -> n.get("id").asLong()).sorted().toList());
        for (HelpdeskRecord record : notes) {
            HelpdeskNote note = (HelpdeskNote) record;
            ObjectNode raw = simulator.control().get(Kind.NOTES, note.externalId()).orElseThrow();
            assertThat(note.ticketId()).isEqualTo(ticket);
            assertThat(note.description()).isEqualTo(raw.get("text").asString());
            assertThat(note.publish()).isEqualTo(raw.get("detailDescriptionFlag").asBoolean() ? "discussion"
                    : raw.get("resolutionFlag").asBoolean() ? "resolution" : "internal");
            assertThat(note.creatorResourceId()).isEqualTo(raw.get("member").get("id").asLong());
            assertThat(note.remoteUpdatedAt()).isNotNull();
        }
        assertThat(connectWise.reader().count(connectWise.credentials(),
                RecordQuery.childrenOf(HelpdeskEntity.TICKET_NOTES, List.of(ticket)))).isEqualTo(notes.size());
        // a ticket that is gone has no notes
        assertThat(readAll(RecordQuery.childrenOf(HelpdeskEntity.TICKET_NOTES, List.of(99_999_999L)))).isEmpty();
        assertThatThrownBy(() -> connectWise.reader().page(connectWise.credentials(),
                RecordQuery.childrenOf(HelpdeskEntity.TICKET_NOTES, List.of(ticket, ticket + 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeEntriesOfAHundredTicketsComeInOneQuery() {
        List<Long> tickets = simulator.control().records(Kind.TICKETS).stream().map(t -> t.get("id").asLong())
                .limit(100).toList();
        Set<Long> expected = simulator.control().records(Kind.TIME_ENTRIES).stream()
                .filter(e -> e.get("chargeToType").asString().equals("ServiceTicket")
                        && tickets.contains(e.get("chargeToId").asLong()))
                .map(e -> e.get("id").asLong()).collect(Collectors.toCollection(TreeSet::new));
        long sent = connectWise.reader().requestsSent(connectWise.credentials());

        RecordPage<HelpdeskRecord> page = connectWise.reader().page(connectWise.credentials(),
                RecordQuery.childrenOf(HelpdeskEntity.TIME_ENTRIES, tickets));

        assertThat(page.complete()).isTrue();
        assertThat(connectWise.reader().requestsSent(connectWise.credentials())).isEqualTo(sent + 1);
        assertThat(ids(page.records())).containsExactlyElementsOf(expected).isNotEmpty();
        HelpdeskTimeEntry entry = (HelpdeskTimeEntry) page.records().get(0);
        ObjectNode raw = simulator.control().get(Kind.TIME_ENTRIES, entry.externalId()).orElseThrow();
        assertThat(entry.ticketId()).isEqualTo(raw.get("chargeToId").asLong());
        assertThat(entry.resourceId()).isEqualTo(raw.get("member").get("id").asLong());
        assertThat(entry.roleId()).isEqualTo(raw.get("workRole").get("id").asLong());
        assertThat(entry.hoursWorked().doubleValue()).isEqualTo(raw.get("actualHours").asDouble());
        assertThat(entry.summaryNotes()).isEqualTo(raw.get("notes").asString());
        assertThat(entry.billable()).isTrue();
    }

    @Test
    void aRecordHorizonCannotReadIsLeftOutOfItsPageAndTheOthersAreRead() {
        List<Long> all = simulator.control().records(Kind.TICKETS).stream().map(t -> t.get("id").asLong()).toList();
        simulator.control().faults().requestFaults().add(new FaultRule("GET", "service/tickets", 1, 1,
                FaultRule.Kind.CORRUPT_FIRST_RECORD, 0, null, 1.0));

        RecordPage<HelpdeskRecord> page = connectWise.reader().page(connectWise.credentials(),
                RecordQuery.byIds(HelpdeskEntity.TICKETS, all.subList(0, 3)));

        assertThat(ids(page.records())).containsExactly(all.get(1), all.get(2));
        assertThat(page.unreadable()).singleElement().satisfies(unreadable -> {
            assertThat(unreadable.externalId()).isEqualTo(all.get(0));
            assertThat(unreadable.reason()).contains("not a date");
            assertThat(unreadable.excerpt()).contains("\"id\":" + all.get(0));
        });
        assertThat(page.lastIdOr(0)).isEqualTo(all.get(2));
    }

    @Test
    void fiveHundredTicketsByIdComeInOneRequest() {
        List<Long> all = simulator.control().records(Kind.TICKETS).stream().map(t -> t.get("id").asLong()).toList();
        List<Long> wanted = new ArrayList<>();
        for (int i = 0; i < all.size() && wanted.size() < RecordQuery.IDS_PER_QUERY - 1; i += 2) {
            wanted.add(all.get(i));
        }
        List<Long> asked = new ArrayList<>(wanted);
        asked.add(all.get(all.size() - 1) + 1_000); // an id ConnectWise does not have is simply absent
        long sent = connectWise.reader().requestsSent(connectWise.credentials());

        RecordPage<HelpdeskRecord> page = connectWise.reader().page(connectWise.credentials(),
                RecordQuery.byIds(HelpdeskEntity.TICKETS, asked));

        assertThat(connectWise.reader().requestsSent(connectWise.credentials())).isEqualTo(sent + 1);
        assertThat(page.complete()).isTrue();
        assertThat(ids(page.records())).containsExactlyElementsOf(wanted);
        assertThat(connectWise.reader().ids(connectWise.credentials(),
                RecordQuery.byIds(HelpdeskEntity.TICKETS, asked.subList(0, 3))).ids())
                .containsExactlyElementsOf(wanted.subList(0, 3));
    }

    @Test
    void everyEntityIsReadById() {
        Map<HelpdeskEntity, Kind> kinds = Map.of(HelpdeskEntity.COMPANIES, Kind.COMPANIES, HelpdeskEntity.CONTACTS,
                Kind.CONTACTS, HelpdeskEntity.TIME_ENTRIES, Kind.TIME_ENTRIES, HelpdeskEntity.HELPDESK_USERS,
                Kind.MEMBERS);
        kinds.forEach((entity, kind) -> {
            List<Long> all = simulator.control().records(kind).stream()
                    .filter(r -> kind != Kind.TIME_ENTRIES || r.get("chargeToType").asString().equals("ServiceTicket"))
                    .map(r -> r.get("id").asLong()).toList();
            List<Long> wanted = List.of(all.get(all.size() - 1), all.get(0));

            List<HelpdeskRecord> read = connectWise.reader().page(connectWise.credentials(),
                    RecordQuery.byIds(entity, wanted)).records();

            assertThat(ids(read)).as(entity.name()).containsExactly(all.get(0), all.get(all.size() - 1));
        });
        ObjectNode note = simulator.control().records(Kind.NOTES).get(0);
        RecordQuery noteById = new RecordQuery(HelpdeskEntity.TICKET_NOTES, null, null, 0, null,
                List.of(note.get("ticketId").asLong()), null, List.of(note.get("id").asLong()));
        assertThat(ids(connectWise.reader().page(connectWise.credentials(), noteById).records()))
                .containsExactly(note.get("id").asLong());
    }

    @Test
    void idsAreListedWithoutWholeRecords() {
        IdPage page = connectWise.reader().ids(connectWise.credentials(), RecordQuery.all(HelpdeskEntity.COMPANIES));
        assertThat(page.complete()).isTrue();
        assertThat(page.ids()).containsExactlyElementsOf(simulator.control().records(Kind.COMPANIES).stream()
                .map(c -> c.get("id").asLong()).toList());

        IdPage first = connectWise.reader().ids(connectWise.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS));
        assertThat(first.ids()).hasSize(1_000).isSorted();
        IdPage rest = connectWise.reader().ids(connectWise.credentials(),
                RecordQuery.all(HelpdeskEntity.TICKETS).continuedAt(first.nextCursor()));
        assertThat(rest.complete()).isTrue();
        assertThat(rest.ids()).allMatch(id -> id > first.ids().get(first.ids().size() - 1));
    }

    @Test
    void aTicketIsFoundByItsNumberWhichIsItsId() {
        ObjectNode raw = simulator.control().records(Kind.TICKETS).get(5);
        long id = raw.get("id").asLong();

        HelpdeskTicket ticket = connectWise.reader().ticketByNumber(connectWise.credentials(), String.valueOf(id))
                .orElseThrow();

        assertThat(ticket.externalId()).isEqualTo(id);
        assertThat(ticket.number()).isEqualTo(String.valueOf(id));
        assertThat(ticket.title()).isEqualTo(raw.get("summary").asString());
        assertThat(ticket.status()).isEqualTo(raw.get("status").get("id").asString());
        assertThat(ticket.queueId()).isEqualTo(raw.get("board").get("id").asLong());
        assertThat(ticket.companyId()).isEqualTo(raw.get("company").get("id").asLong());
        assertThat(ticket.assigneeResourceId()).isEqualTo(raw.get("owner").get("id").asLong());
        assertThat(ticket.remoteUpdatedAt()).isEqualTo(Instant.parse(raw.get("_info").get("lastUpdated").asString()));
        assertThat(ticket.rawJson()).contains("\"summary\"");
        assertThat(connectWise.reader().ticketByNumber(connectWise.credentials(), "#" + id)).isPresent();
        assertThat(connectWise.reader().ticketByNumber(connectWise.credentials(), "T20261124.0001")).isEmpty();
        assertThat(connectWise.reader().ticketByNumber(connectWise.credentials(), "99999999")).isEmpty();
    }

    @Test
    void membersAreHelpdeskUsersWithTheirEmail() {
        List<HelpdeskRecord> users = readAll(RecordQuery.all(HelpdeskEntity.HELPDESK_USERS));
        assertThat(users).hasSize(simulator.control().records(Kind.MEMBERS).size());
        HelpdeskUser api = users.stream().map(HelpdeskUser.class::cast)
                .filter(u -> u.externalId() == simulator.apiMember().memberId()).findFirst().orElseThrow();
        assertThat(api.username()).isEqualTo(simulator.apiMember().memberIdentifier());
        assertThat(api.email()).contains("@");
        assertThat(api.active()).isTrue();
    }

    @Test
    void picklistsFollowTheirBoards() {
        List<PicklistValue> values = connectWise.reader().picklists(connectWise.credentials());
        List<ObjectNode> boards = simulator.control().records(Kind.BOARDS);

        assertThat(values).filteredOn(v -> v.field().equals("board")).hasSize(boards.size());
        for (ObjectNode board : boards) {
            String boardId = board.get("id").asString();
            List<String> expected = simulator.control().records(Kind.BOARD_STATUSES).stream()
                    .filter(s -> s.get("board").get("id").asString().equals(boardId))
                    .map(s -> s.get("id").asString()).toList();
            assertThat(values).filteredOn(v -> v.field().equals("status") && boardId.equals(v.parentValue()))
                    .extracting(PicklistValue::value).containsExactlyElementsOf(expected);
        }
        assertThat(values).filteredOn(v -> v.field().equals("status")).anyMatch(v -> !v.active());
        assertThat(values).filteredOn(v -> v.field().equals("priority"))
                .hasSize(simulator.control().records(Kind.PRIORITIES).size());
        assertThat(values).filteredOn(v -> v.field().equals("workType")).isNotEmpty();
        assertThat(values).filteredOn(v -> v.entity().equals("ServiceNote")).extracting(PicklistValue::value)
                .containsExactly("discussion", "internal", "resolution");
        for (PicklistDefinition definition : connectWise.reader().picklistDefinitions()) {
            assertThat(values).as(definition.field())
                    .anyMatch(v -> v.entity().equals(definition.entity()) && v.field().equals(definition.field()));
        }
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterAndRetried() {
        simulator.control().faults().requestFaults().burst429(1);
        long sent = connectWise.reader().requestsSent(connectWise.credentials());

        long count = connectWise.reader().count(connectWise.credentials(), RecordQuery.all(HelpdeskEntity.COMPANIES));

        assertThat(count).isEqualTo(simulator.control().records(Kind.COMPANIES).size());
        assertThat(PAUSES).containsExactly(Duration.ofSeconds(30)); // the simulator's Retry-After
        assertThat(connectWise.reader().requestsSent(connectWise.credentials())).isEqualTo(sent + 2);
    }

    @Test
    void a429ThatDoesNotStopIsRateLimited() {
        SimulatedConnectWise impatient = SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator)
                .withGate(4, 300, 2, Duration.ofSeconds(5)), Clock.systemUTC(), PAUSES::add);
        impatient.api().discover(impatient.credentials());
        simulator.control().faults().requestFaults().burst429(3);

        assertThatThrownBy(() -> impatient.reader().count(impatient.credentials(),
                RecordQuery.all(HelpdeskEntity.COMPANIES)))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.psaMessage()).isPresent();
                });
        assertThat(PAUSES).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5)); // Retry-After cut to maxWait
    }

    @Test
    void aResponseStalledMidBodyFailsAtTheDeadlineAndFreesItsSlot() {
        SimulatedConnectWise quick = SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator)
                .withRequestTimeout(Duration.ofMillis(1_500)).withGate(1, 300, 3, Duration.ofSeconds(5)));
        quick.api().discover(quick.credentials());
        simulator.control().faults().requestFaults().add(FaultRule.on("GET", "service/tickets", 1,
                FaultRule.Kind.STALL_MID_BODY, 0).withStall(Duration.ofSeconds(30)));
        Instant sent = Instant.now();

        assertThatThrownBy(() -> quick.reader().page(quick.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.title()).isEqualTo("Timed out");
                });
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(quick.gate().inFlight(quick.credentials())).isZero();
        // one slot only: the next call gets it and succeeds
        assertThat(quick.reader().page(quick.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)).records())
                .hasSize(1_000);
    }

    @Test
    void anAnswerPastTheSizeCapIsCutOff() {
        ConnectWiseProperties small = new ConnectWiseProperties(simulator.clientId(), null, Duration.ofSeconds(10),
                4_096L, true, null, null, null, null);
        SimulatedConnectWise capped = SimulatedConnectWise.wire(simulator, small);

        assertThatThrownBy(() -> capped.reader().page(capped.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.title()).isEqualTo("Answer too large");
                });
        assertThat(capped.gate().inFlight(capped.credentials())).isZero();
    }

    @Test
    void capabilitiesSayWhatConnectWiseCanDo() {
        var capabilities = connectWise.reader().capabilities();
        assertThat(capabilities.pageSize()).isEqualTo(1_000);
        assertThat(capabilities.idRanges()).isTrue();
        assertThat(capabilities.counts()).isTrue();
        assertThat(capabilities.parentIdsPerQuery(HelpdeskEntity.TICKET_NOTES)).isEqualTo(1);
        assertThat(capabilities.parentIdsPerQuery(HelpdeskEntity.TIME_ENTRIES)).isEqualTo(100);
        assertThat(capabilities.watermarked()).containsExactlyInAnyOrder(HelpdeskEntity.COMPANIES,
                HelpdeskEntity.CONTACTS, HelpdeskEntity.TICKETS, HelpdeskEntity.TIME_ENTRIES);
        assertThat(connectWise.reader().deletionFeeds()).isEmpty();
        assertThat(connectWise.reader().budget(connectWise.credentials())).isEmpty();
    }

    private static List<HelpdeskRecord> readAll(RecordQuery query) {
        List<HelpdeskRecord> records = new ArrayList<>();
        RecordQuery next = query;
        for (int pages = 0; pages < 100; pages++) {
            RecordPage<HelpdeskRecord> page = connectWise.reader().page(connectWise.credentials(), next);
            records.addAll(page.records());
            if (page.complete()) {
                return records;
            }
            next = next.continuedAt(page.nextCursor());
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<Long> ids(List<HelpdeskRecord> records) {
        return records.stream().map(HelpdeskRecord::externalId).toList();
    }
}
