package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.RequestBudgets;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.testsupport.ShiftedClock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The per-minute allowance Horizon gives itself for a ConnectWise site, held by several nodes and across a restart:
 * each node is an adapter wired on its own (its own gate, its own budget store) on one shared database, as Horizon's
 * nodes are. Subclassed once per store (H2, PostgreSQL).
 */
abstract class SharedMinuteAllowanceCases {

    private static final int PER_MINUTE = 12;
    private static final RecordQuery TICKETS = RecordQuery.all(HelpdeskEntity.TICKETS);

    private final ShiftedClock clock = new ShiftedClock();
    private DataSource database;

    /** A new, empty database of the store under test, migrated as a node starting on it migrates it. */
    abstract DataSource newDatabase();

    @BeforeEach
    void freshDatabase() {
        database = newDatabase();
    }

    @Test
    void twoNodesTogetherNeverSendMoreThanTheAllowanceInAMinute() {
        try (ConnectWiseSimulator simulator = start()) {
            SimulatedConnectWise first = node(simulator);
            SimulatedConnectWise second = node(simulator);

            boolean firstRefused = false;
            boolean secondRefused = false;
            while (!firstRefused || !secondRefused) {
                firstRefused = firstRefused || refused(first);
                secondRefused = secondRefused || refused(second);
            }

            assertThat(sent(first) + sent(second)).isEqualTo(PER_MINUTE);
            assertThat(sent(first)).isBetween(2L, PER_MINUTE - 2L);
            assertThat(served(simulator)).isLessThanOrEqualTo(PER_MINUTE);
            assertThat(first.gate().countedInLastMinute(first.credentials())).isEqualTo(PER_MINUTE);
        }
    }

    @Test
    void aRestartedNodeStartsFromWhatWasSpentAndTheNextMinuteIsFree() {
        try (ConnectWiseSimulator simulator = start()) {
            SimulatedConnectWise before = node(simulator);
            for (int i = 0; i < 8; i++) {
                before.reader().count(before.credentials(), TICKETS);
            }

            SimulatedConnectWise restarted = node(simulator);
            long sentBefore = sent(before);
            int countsAfterRestart = 0;
            while (!refused(restarted)) {
                countsAfterRestart++;
            }

            assertThat(sentBefore + sent(restarted)).isEqualTo(PER_MINUTE);
            assertThat(countsAfterRestart).isLessThan(PER_MINUTE - 8);

            // A minute and the five seconds it is counted in later, the whole allowance is there again.
            clock.shift(Duration.ofSeconds(66));
            long sentAfterRestart = sent(restarted);
            while (!refused(restarted)) {
                assertThat(sent(restarted) - sentAfterRestart).isLessThanOrEqualTo(PER_MINUTE);
            }
            assertThat(sent(restarted) - sentAfterRestart).isEqualTo(PER_MINUTE);
        }
    }

    private static ConnectWiseSimulator start() {
        return ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(5, 20, 4, 200, 3)));
    }

    /** One node: its own gate and budget store on the shared database; a refusal comes at once, nothing waits. */
    private SimulatedConnectWise node(ConnectWiseSimulator simulator) {
        return SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator)
                        .withGate(4, PER_MINUTE, 0, Duration.ofSeconds(2)), clock, clock::shift,
                new RequestBudgets(database));
    }

    /** Asks for a count; true when the gate refused it as over the allowance, without sending it. */
    private static boolean refused(SimulatedConnectWise node) {
        long sentBefore = sent(node);
        try {
            node.reader().count(node.credentials(), TICKETS);
            return false;
        } catch (HelpdeskException refusal) {
            assertThat(refusal.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
            assertThat(refusal.getMessage()).contains(PER_MINUTE + " requests per minute");
            assertThat(sent(node)).isEqualTo(sentBefore);
            return true;
        }
    }

    private static long sent(SimulatedConnectWise node) {
        return node.reader().requestsSent(node.credentials());
    }

    /** Requests the simulated site answered, all endpoints and statuses. */
    private static long served(ConnectWiseSimulator simulator) {
        long total = 0;
        for (JsonNode endpoint : simulator.control().counters().path("requests")) {
            for (JsonNode count : endpoint) {
                total += count.asLong();
            }
        }
        return total;
    }
}
