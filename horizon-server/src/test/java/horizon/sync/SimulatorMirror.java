package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskRecord;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.store.Timestamps;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares an account's mirror with the simulator's state dump, record by record: every record inside the ingest
 * window must be mirrored with exactly the JSON the simulator holds, and nothing else may be mirrored live.
 */
final class SimulatorMirror {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatorMirror() {
    }

    /** Asserts the mirror equals the simulator's state for tickets changed since {@code windowStart}. */
    static void assertMirrors(AutotaskSimulator simulator, MirrorQueries mirror, long accountId, Instant windowStart) {
        JsonNode entities = simulator.control().dump().path("entities");
        Map<Long, JsonNode> tickets = byId(entities.path("Tickets"));
        tickets.values().removeIf(t -> Timestamps.parse(t.path("lastActivityDate").asString()).isBefore(windowStart));
        Set<Long> windowTickets = new HashSet<>(tickets.keySet());
        Map<Long, JsonNode> notes = byId(entities.path("TicketNotes"));
        notes.values().removeIf(n -> !windowTickets.contains(n.path("ticketID").asLong()));
        Map<Long, JsonNode> timeEntries = byId(entities.path("TimeEntries"));
        timeEntries.values().removeIf(t -> t.path("ticketID").isNull()
                || !windowTickets.contains(t.path("ticketID").asLong()));

        assertThat(tickets).as("tickets in the window").isNotEmpty();
        assertSame("tickets", tickets, mirror.loadAll(accountId, MirroredEntity.TICKETS));
        assertSame("ticket notes", notes, mirror.loadAll(accountId, MirroredEntity.TICKET_NOTES));
        assertSame("time entries", timeEntries, mirror.loadAll(accountId, MirroredEntity.TIME_ENTRIES));
        assertSame("companies", byId(entities.path("Companies")), mirror.loadAll(accountId, MirroredEntity.COMPANIES));
        assertSame("contacts", byId(entities.path("Contacts")), mirror.loadAll(accountId, MirroredEntity.CONTACTS));
        assertSame("resources", byId(entities.path("Resources")),
                mirror.loadAll(accountId, MirroredEntity.HELPDESK_USERS));
    }

    private static void assertSame(String what, Map<Long, JsonNode> expected, List<? extends HelpdeskRecord> mirrored) {
        Map<Long, JsonNode> actual = new TreeMap<>();
        for (HelpdeskRecord record : mirrored) {
            actual.put(record.externalId(), JSON.readTree(record.rawJson()));
        }
        assertThat(actual.keySet()).as(what + ": ids").containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<Long, JsonNode> entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey())).as(what + " " + entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    private static Map<Long, JsonNode> byId(JsonNode rows) {
        Map<Long, JsonNode> byId = new TreeMap<>();
        // Re-read from text, so numbers compare as the mirror's parsed JSON does (an int is not a long node).
        rows.forEach(row -> byId.put(row.path("id").asLong(), JSON.readTree(row.toString())));
        return byId;
    }
}
