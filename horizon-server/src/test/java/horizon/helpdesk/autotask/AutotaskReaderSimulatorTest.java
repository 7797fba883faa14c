package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskDeletion;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskReader.DeletionPage;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Autotask reader against the simulator's default MSP over real HTTP: what it reads is compared, record by record,
 * with the simulator's own state dump.
 */
class AutotaskReaderSimulatorTest {

    private static AutotaskSimulator simulator;
    private JsonNode state;
    private static AutotaskReader reader;
    private static HelpdeskCredentials credentials;

    @BeforeAll
    static void start() {
        simulator = AutotaskSimulator.start(SimulatorOptions.defaults());
        SimulatedAutotask autotask = SimulatedAutotask.wire(simulator, AutotaskGateProperties.defaults());
        reader = autotask.reader();
        credentials = autotask.credentials();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void pagingByIdCursorReturnsEveryTicketOnceInOrder() {
        List<Long> expected = ids(dump("Tickets"));
        assertThat(expected).hasSizeGreaterThan(1_200);

        List<HelpdeskRecord> all = readAll(RecordQuery.all(HelpdeskEntity.TICKETS));

        assertThat(all).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(expected);
        HelpdeskTicket first = (HelpdeskTicket) all.get(0);
        JsonNode raw = dump("Tickets").get(0);
        assertThat(first.number()).isEqualTo(raw.path("ticketNumber").asString());
        assertThat(first.status()).isEqualTo(raw.path("status").asString());
        assertThat(first.queueId()).isEqualTo(raw.path("queueID").asLong());
        assertThat(first.remoteUpdatedAt()).isEqualTo(Instant.parse(raw.path("lastActivityDate").asString()));
        assertThat(first.rawJson()).contains("\"ticketNumber\":\"" + first.number() + "\"");
    }

    @Test
    void aRecordHorizonCannotReadIsLeftOutOfItsPageAndTheOthersAreRead() {
        List<Long> ids = ids(dump("Tickets"));
        simulator.control().requestFaults().add(new horizon.simulator.core.fault.FaultRule("POST", "Tickets/query", 1,
                1, horizon.simulator.core.fault.FaultRule.Kind.CORRUPT_FIRST_RECORD, 0, null, 1.0));
        try {
            RecordPage<HelpdeskRecord> page = reader.page(credentials,
                    RecordQuery.byIds(HelpdeskEntity.TICKETS, ids.subList(0, 3)));

            assertThat(page.records()).extracting(HelpdeskRecord::externalId).containsExactly(ids.get(1), ids.get(2));
            assertThat(page.unreadable()).singleElement().satisfies(unreadable -> {
                assertThat(unreadable.externalId()).isEqualTo(ids.get(0));
                assertThat(unreadable.reason()).contains("Autotask sent a Tickets record Horizon cannot read",
                        "not a date");
                assertThat(unreadable.excerpt()).contains("\"id\":" + ids.get(0));
            });
            assertThat(page.lastIdOr(0)).isEqualTo(ids.get(2));
        } finally {
            simulator.control().clearFaults();
        }
    }

    @Test
    void aSegmentStopsAtItsUpperId() {
        List<Long> ids = ids(dump("Tickets"));
        long from = ids.get(100);
        long to = ids.get(700);
        RecordPage<HelpdeskRecord> page = reader.page(credentials,
                new RecordQuery(HelpdeskEntity.TICKETS, null, null, from, to, List.of(), null));
        assertThat(page.records()).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(ids.subList(101, 601));
        assertThat(page.complete()).isFalse();
        RecordPage<HelpdeskRecord> rest = reader.page(credentials,
                new RecordQuery(HelpdeskEntity.TICKETS, null, null, page.lastIdOr(0), to, List.of(), null));
        assertThat(rest.records()).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(ids.subList(601, 701));
        assertThat(rest.complete()).isTrue();
        assertThat(rest.lastIdOr(0)).isEqualTo(to);
    }

    @Test
    void countMatchesTheSimulator() {
        List<Long> ids = ids(dump("Tickets"));
        assertThat(reader.count(credentials, RecordQuery.all(HelpdeskEntity.TICKETS))).isEqualTo(ids.size());
        assertThat(reader.count(credentials, RecordQuery.all(HelpdeskEntity.TICKETS).inIds(ids.get(ids.size() - 10), null)))
                .isEqualTo(9);
        assertThat(reader.count(credentials, RecordQuery.all(HelpdeskEntity.COMPANIES)))
                .isEqualTo(dump("Companies").size());
    }

    @Test
    void theWatermarkFilterReturnsOnlyWhatChangedSince() throws InterruptedException {
        Instant latest = dump("Tickets").stream().map(t -> Instant.parse(t.path("lastActivityDate").asString()))
                .max(Comparator.naturalOrder()).orElseThrow();
        Instant since = latest.plusMillis(1);
        Thread.sleep(5);
        List<Long> ids = ids(dump("Tickets"));
        long changed = ids.get(17);
        long noted = ids.get(42);
        simulator.control().updateTicket(changed, Map.of("title", "Printer on fire again"));
        simulator.control().addNote(noted, "Called back", "Customer confirmed");

        List<HelpdeskRecord> tickets = readAll(new RecordQuery(HelpdeskEntity.TICKETS, since, null, 0, null, List.of(), null));

        assertThat(tickets).extracting(HelpdeskRecord::externalId).containsExactly(Math.min(changed, noted),
                Math.max(changed, noted));
        HelpdeskTicket updated = tickets.stream().map(HelpdeskTicket.class::cast)
                .filter(t -> t.externalId() == changed).findFirst().orElseThrow();
        assertThat(updated.title()).isEqualTo("Printer on fire again");
        assertThat(updated.remoteUpdatedAt()).isAfterOrEqualTo(since);
        // gte: asking from exactly the record's watermark still returns it
        assertThat(readAll(new RecordQuery(HelpdeskEntity.TICKETS, updated.remoteUpdatedAt(), null, changed - 1, changed, List.of(), null))).extracting(HelpdeskRecord::externalId).containsExactly(changed);
        List<HelpdeskRecord> notes = readAll(new RecordQuery(HelpdeskEntity.TICKET_NOTES, since, null, 0, null, List.of(), null));
        assertThat(notes).hasSize(1);
        assertThat(((HelpdeskNote) notes.get(0)).title()).isEqualTo("Called back");
    }

    @Test
    void notesAndTimeEntriesAreReadInBulkForAListOfTickets() {
        List<JsonNode> notes = dump("TicketNotes");
        List<Long> tickets = notes.stream().map(n -> n.path("ticketID").asLong()).distinct().limit(40).toList();
        Set<Long> expectedNotes = notes.stream().filter(n -> tickets.contains(n.path("ticketID").asLong()))
                .map(n -> n.path("id").asLong()).collect(Collectors.toSet());
        Set<Long> expectedEntries = dump("TimeEntries").stream()
                .filter(e -> tickets.contains(e.path("ticketID").asLong()))
                .map(e -> e.path("id").asLong()).collect(Collectors.toSet());
        long before = simulator.control().counters().count("TicketNotes", 200);

        List<HelpdeskRecord> read = readAll(new RecordQuery(HelpdeskEntity.TICKET_NOTES, null, null, 0, null, tickets, null));
        List<HelpdeskRecord> entries = readAll(new RecordQuery(HelpdeskEntity.TIME_ENTRIES, null, null, 0, null, tickets, null));

        assertThat(read).extracting(HelpdeskRecord::externalId).containsExactlyInAnyOrderElementsOf(expectedNotes);
        assertThat(read).allSatisfy(n -> assertThat(tickets).contains(((HelpdeskNote) n).ticketId()));
        assertThat(simulator.control().counters().count("TicketNotes", 200) - before)
                .isEqualTo((expectedNotes.size() / 500) + 1);
        assertThat(expectedEntries).isNotEmpty();
        assertThat(entries).extracting(HelpdeskRecord::externalId).containsExactlyInAnyOrderElementsOf(expectedEntries);
        HelpdeskTimeEntry entry = (HelpdeskTimeEntry) entries.get(0);
        JsonNode raw = dump("TimeEntries").stream().filter(e -> e.path("id").asLong() == entry.externalId())
                .findFirst().orElseThrow();
        assertThat(entry.hoursWorked().doubleValue()).isEqualTo(raw.path("hoursWorked").asDouble());
        assertThat(entry.billable()).isEqualTo(!raw.path("isNonBillable").asBoolean());
        assertThat(entry.remoteUpdatedAt()).isEqualTo(Instant.parse(raw.path("lastModifiedDateTime").asString()));
    }

    @Test
    void companiesAndContactsMapTheirFlags() {
        List<HelpdeskRecord> companies = readAll(RecordQuery.all(HelpdeskEntity.COMPANIES));
        assertThat(companies).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(ids(dump("Companies")));
        assertThat(companies).extracting(HelpdeskRecord::externalId).contains(0L);
        assertThat(companies).allSatisfy(c -> assertThat(((HelpdeskCompany) c).name()).isNotBlank());

        List<JsonNode> rawContacts = dump("Contacts");
        List<HelpdeskRecord> contacts = readAll(RecordQuery.all(HelpdeskEntity.CONTACTS));
        assertThat(contacts).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(ids(rawContacts));
        for (int i = 0; i < contacts.size(); i++) {
            HelpdeskContact contact = (HelpdeskContact) contacts.get(i);
            assertThat(contact.active()).isEqualTo(rawContacts.get(i).path("isActive").asInt() == 1);
            assertThat(contact.email()).isEqualTo(rawContacts.get(i).path("emailAddress").asString(null));
        }
    }

    @Test
    void helpdeskUsersComeWithTheirRolesAndQueuesFromOneBulkQuery() {
        long rolesBefore = simulator.control().counters().count("ResourceRoles", 200);

        List<HelpdeskRecord> users = readAll(RecordQuery.all(HelpdeskEntity.HELPDESK_USERS));

        assertThat(simulator.control().counters().count("ResourceRoles", 200) - rolesBefore).isEqualTo(1);
        assertThat(users).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(ids(dump("Resources")));
        Map<Long, List<HelpdeskUser.Role>> expected = dump("ResourceRoles").stream().collect(Collectors.groupingBy(
                r -> r.path("resourceID").asLong(), Collectors.mapping(r -> new HelpdeskUser.Role(
                        r.path("roleID").asLong(), r.path("queueID").isNull() ? null : r.path("queueID").asLong(),
                        r.path("isActive").asBoolean()), Collectors.toList())));
        assertThat(expected).isNotEmpty();
        for (HelpdeskRecord record : users) {
            HelpdeskUser user = (HelpdeskUser) record;
            assertThat(user.roles()).as("roles of %s", user.username())
                    .containsExactlyElementsOf(expected.getOrDefault(user.externalId(), List.of()));
            assertThat(user.remoteUpdatedAt()).isNull();
        }
        assertThat(users).map(u -> (HelpdeskUser) u).flatMap(HelpdeskUser::roles)
                .anySatisfy(role -> assertThat(role.queueId()).isNotNull());
    }

    @Test
    void picklistsIncludeInactiveValuesAndSubIssueTypeParents() {
        List<PicklistValue> values = reader.picklists(credentials);

        assertThat(values).extracting(PicklistValue::entity).contains("Tickets", "TicketNotes", "TimeEntries",
                "Companies");
        List<PicklistValue> status = values.stream()
                .filter(v -> v.entity().equals("Tickets") && v.field().equals("status")).toList();
        assertThat(status).extracting(PicklistValue::value, PicklistValue::label, PicklistValue::active)
                .containsExactlyElementsOf(simulator.control().picklist("Tickets", "status").stream()
                        .map(v -> org.assertj.core.groups.Tuple.tuple(v.value(), v.label(), v.isActive())).toList());
        assertThat(status).anySatisfy(v -> assertThat(v.active()).isFalse());
        assertThat(status).filteredOn(v -> v.value().equals("5")).extracting(PicklistValue::label)
                .containsExactly("Complete");
        Set<String> issueTypes = values.stream().filter(v -> v.field().equals("issueType"))
                .map(PicklistValue::value).collect(Collectors.toSet());
        List<PicklistValue> subIssues = values.stream().filter(v -> v.field().equals("subIssueType")).toList();
        assertThat(subIssues).isNotEmpty().allSatisfy(v -> assertThat(issueTypes).contains(v.parentValue()));
        assertThat(subIssues).anySatisfy(v -> assertThat(v.active()).isFalse());
        assertThat(values).filteredOn(v -> v.field().equals("status")).allSatisfy(v -> assertThat(v.parentValue()).isNull());
        assertThat(values).filteredOn(v -> v.entity().equals("TicketNotes")).extracting(PicklistValue::field)
                .contains("noteType", "publish");
        assertThat(values).filteredOn(v -> v.field().equals("priority")).anySatisfy(v -> assertThat(v.defaultValue()).isTrue());
    }

    @Test
    void deletionsNameDeletedTicketsAndTheTicketsThatLostNotesOrTime() {
        DeletionPage ticketsBefore = reader.deletions(credentials, AutotaskReader.DELETED_TICKETS, null, 0);
        DeletionPage activityBefore = reader.deletions(credentials, AutotaskReader.DELETED_ACTIVITY, null, 0);
        List<JsonNode> notes = dump("TicketNotes");
        JsonNode note = notes.get(notes.size() / 2);
        JsonNode entry = dump("TimeEntries").stream()
                .filter(e -> e.path("ticketID").asLong() != note.path("ticketID").asLong()).findFirst().orElseThrow();
        long ticket = ids(dump("Tickets")).stream().filter(id -> id != note.path("ticketID").asLong()
                && id != entry.path("ticketID").asLong()).findFirst().orElseThrow();
        Instant since = Instant.now().minusSeconds(5);

        simulator.control().deleteTicket(ticket);
        simulator.control().deleteNote(note.path("id").asLong());
        simulator.control().deleteTimeEntry(entry.path("id").asLong());

        DeletionPage tickets = reader.deletions(credentials, AutotaskReader.DELETED_TICKETS, since, ticketsBefore.lastLogId());
        assertThat(tickets.deletions()).singleElement().satisfies(d -> {
            assertThat(d.entity()).isEqualTo(HelpdeskEntity.TICKETS);
            assertThat(d.externalId()).isEqualTo(ticket);
            assertThat(d.ticketId()).isEqualTo(ticket);
            assertThat(d.identified()).isTrue();
            assertThat(d.deletedAt()).isAfterOrEqualTo(since);
        });
        assertThat(tickets.complete()).isTrue();
        assertThat(tickets.lastLogId()).isEqualTo(tickets.deletions().get(0).logId());

        DeletionPage activity = reader.deletions(credentials, AutotaskReader.DELETED_ACTIVITY, since,
                activityBefore.lastLogId());
        assertThat(activity.deletions()).extracting(HelpdeskDeletion::entity, HelpdeskDeletion::ticketId,
                        HelpdeskDeletion::identified)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HelpdeskEntity.TICKET_NOTES, note.path("ticketID").asLong(), false),
                        org.assertj.core.groups.Tuple.tuple(HelpdeskEntity.TIME_ENTRIES, entry.path("ticketID").asLong(), false));

        DeletionPage after = reader.deletions(credentials, AutotaskReader.DELETED_ACTIVITY, since, activity.lastLogId());
        assertThat(after.deletions()).isEmpty();
        assertThat(after.lastLogId()).isEqualTo(activity.lastLogId());
        assertThat(after.complete()).isTrue();
    }

    @Test
    void theBudgetIsTheDatabasesOwnReadingAndTheGateCountsHorizonsRequests() {
        long sentBefore = reader.requestsSent(credentials);
        long servedBefore = served();

        ApiBudget budget = reader.budget(credentials).orElseThrow();
        reader.count(credentials, RecordQuery.all(HelpdeskEntity.CONTACTS));

        assertThat(budget.threshold()).isEqualTo(10_000);
        assertThat(budget.timeframeMinutes()).isEqualTo(60);
        assertThat(budget.requestsUsed()).isPositive();
        assertThat(reader.requestsSent(credentials) - sentBefore).isEqualTo(2).isEqualTo(served() - servedBefore);
        assertThat(reader.requestsInLastHour(credentials)).isEqualTo(reader.requestsSent(credentials));
    }

    @Test
    void byIdsReadsExactlyTheNamedRecordsOfEveryEntityInOneRequestEach() {
        for (HelpdeskEntity entity : HelpdeskEntity.values()) {
            String collection = AutotaskCollection.of(entity).path();
            List<Long> all = ids(dump(collection));
            assertThat(all).as(collection).hasSizeGreaterThan(3);
            // spread over the whole id range, plus one id the PSA does not have
            List<Long> wanted = List.of(all.get(0), all.get(all.size() / 2), all.get(all.size() - 1));
            List<Long> asked = new ArrayList<>(wanted);
            asked.add(all.get(all.size() - 1) + 1_000_000);
            long servedBefore = served(collection);

            RecordPage<HelpdeskRecord> page = reader.page(credentials, RecordQuery.byIds(entity, asked));

            assertThat(page.records()).as(collection).extracting(HelpdeskRecord::externalId)
                    .containsExactlyElementsOf(wanted);
            assertThat(page.complete()).isTrue();
            assertThat(served(collection) - servedBefore).as(collection).isEqualTo(1);
            assertThat(reader.count(credentials, RecordQuery.byIds(entity, asked))).as(collection)
                    .isEqualTo(wanted.size());
        }
    }

    @Test
    void fiveHundredTicketIdsAreOneRequest() {
        List<Long> all = ids(dump("Tickets"));
        List<Long> wanted = all.subList(all.size() - 500, all.size());
        long servedBefore = served("Tickets");

        RecordPage<HelpdeskRecord> page = reader.page(credentials, RecordQuery.byIds(HelpdeskEntity.TICKETS, wanted));

        assertThat(page.records()).extracting(HelpdeskRecord::externalId).containsExactlyElementsOf(wanted);
        assertThat(page.complete()).isTrue();
        assertThat(served("Tickets") - servedBefore).isEqualTo(1);
    }

    /** Requests the simulator served on gated endpoints (zone discovery is exempt from Autotask's limits). */
    private static long served() {
        return simulator.control().counters().requests().entrySet().stream()
                .filter(e -> !e.getKey().equals("zoneInformation"))
                .flatMap(e -> e.getValue().values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Requests the simulator served on one entity's endpoint (its query and count). */
    private static long served(String endpoint) {
        return simulator.control().counters().requests().getOrDefault(endpoint, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private static List<HelpdeskRecord> readAll(RecordQuery query) {
        List<HelpdeskRecord> all = new ArrayList<>();
        RecordQuery next = query;
        while (true) {
            RecordPage<HelpdeskRecord> page = reader.page(credentials, next);
            assertThat(page.records()).hasSizeLessThanOrEqualTo(reader.capabilities().pageSize());
            all.addAll(page.records());
            if (page.complete()) {
                return all;
            }
            next = next.continuedAt(page.nextCursor());
        }
    }

    /** Rows of the simulator's state, dumped once per test (every test dumps before it changes anything). */
    private List<JsonNode> dump(String entity) {
        if (state == null) {
            state = simulator.control().dump();
        }
        return StreamSupport.stream(state.path("entities").path(entity).spliterator(), false).toList();
    }

    private static List<Long> ids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.path("id").asLong()).sorted().toList();
    }
}
