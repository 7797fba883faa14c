package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.mirror.MirrorQueries;
import horizon.testsupport.SimulatedPsa;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares an account's mirror with a simulated PSA's state, record by record: every record inside the ingest window
 * must be mirrored with exactly the JSON the simulator holds, and nothing else may be mirrored live.
 */
public final class SimulatorMirror {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatorMirror() {
    }

    /** Asserts the mirror equals the PSA's state for tickets changed since {@code windowStart}. */
    public static void assertMirrors(SimulatedPsa psa, MirrorQueries mirror, long accountId, Instant windowStart) {
        assertThat(psa.expected(HelpdeskEntity.TICKETS, windowStart)).as("tickets in the window").isNotEmpty();
        for (HelpdeskEntity entity : HelpdeskEntity.values()) {
            assertSame(psa + " " + entity, psa.expected(entity, windowStart),
                    mirror.loadAll(accountId, Streams.mirrored(entity)));
        }
    }

    private static void assertSame(String what, Map<Long, JsonNode> expected, List<? extends HelpdeskRecord> mirrored) {
        Map<Long, JsonNode> actual = new TreeMap<>();
        for (HelpdeskRecord record : mirrored) {
            actual.put(record.externalId(), JSON.readTree(record.rawJson()));
        }
        assertThat(actual.keySet()).as(what + ": ids").containsExactlyElementsOf(new TreeMap<>(expected).keySet());
        for (Map.Entry<Long, JsonNode> entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey())).as(what + " " + entry.getKey()).isEqualTo(entry.getValue());
        }
    }
}
