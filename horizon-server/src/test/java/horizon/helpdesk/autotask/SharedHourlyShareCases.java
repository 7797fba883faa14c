package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.RequestBudgets;
import horizon.helpdesk.autotask.SimulatedAutotask.ManualClock;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Horizon's hourly share of an Autotask database held by several nodes and across a restart: each node is an adapter
 * wired on its own (its own gate, its own budget store) on one shared database, as Horizon's nodes are. Subclassed once
 * per store (H2, PostgreSQL).
 */
abstract class SharedHourlyShareCases {

    /** 20% of a threshold of 100: 20 requests per rolling hour, for all nodes together. */
    private static final int SHARE = 20;
    private static final int ALLOWANCE = 20;
    private static final SimulatorOptions SMALL_MSP = SimulatorOptions.defaults()
            .withSize(new SimulatorOptions.MspSize(10, 40, 6, 400, 6)).withHourlyBudget(100);
    private static final RecordQuery TICKETS = RecordQuery.all(HelpdeskEntity.TICKETS);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T09:00:00Z"));
    private DataSource database;

    /** A new, empty database of the store under test, migrated as a node starting on it migrates it. */
    abstract DataSource newDatabase();

    @BeforeEach
    void freshDatabase() {
        database = newDatabase();
    }

    @Test
    void twoNodesTogetherNeverSendMoreThanTheShare() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP)) {
            SimulatedAutotask first = node(simulator);
            SimulatedAutotask second = node(simulator);

            // The nodes take turns until each is refused; either alone would allow itself the whole share.
            boolean firstRefused = false;
            boolean secondRefused = false;
            while (!firstRefused || !secondRefused) {
                firstRefused = firstRefused || refused(first);
                secondRefused = secondRefused || refused(second);
            }

            assertThat(simulator.control().counters().requestsThisHour()).isEqualTo(ALLOWANCE);
            assertThat(sent(first) + sent(second)).isEqualTo(ALLOWANCE);
            assertThat(sent(first)).isBetween(2L, ALLOWANCE - 2L);
            assertThat(first.gate().snapshot(first.credentials()).countedInLastHour()).isEqualTo(ALLOWANCE);
            assertThat(second.gate().snapshot(second.credentials()).countedInLastHour()).isEqualTo(ALLOWANCE);
        }
    }

    @Test
    void aRestartedNodeStartsFromWhatWasSpentAndTheWindowFreesItAfterAnHour() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP)) {
            SimulatedAutotask before = node(simulator);
            for (int i = 0; i < 14; i++) { // one ThresholdInformation reading and 14 counts
                before.reader().count(before.credentials(), TICKETS);
            }
            clock.advance(Duration.ofMinutes(30));

            SimulatedAutotask restarted = node(simulator);
            int sentAfterRestart = 0;
            while (!refused(restarted)) {
                sentAfterRestart++;
            }

            assertThat(sent(before)).isEqualTo(15);
            assertThat(sentAfterRestart).as("counts after the restart").isEqualTo(4); // and its own reading
            assertThat(simulator.control().counters().requestsThisHour()).isEqualTo(ALLOWANCE);

            // An hour (and the minute it is counted in) after the first node's requests, they have left the window;
            // the restarted node's own 5 are still in it. A new reading is due first.
            clock.advance(Duration.ofMinutes(31));
            for (int i = 0; i < 14; i++) {
                restarted.reader().count(restarted.credentials(), TICKETS);
            }
            assertThat(refused(restarted)).isTrue();
            assertThat(sent(restarted)).isEqualTo(5 + 1 + 14);
        }
    }

    /** One node: its own gate and budget store on the shared database; its pauses move the shared clock. */
    private SimulatedAutotask node(AutotaskSimulator simulator) {
        return SimulatedAutotask.wire(simulator, SimulatedAutotask.fastBackoff(SHARE, 0, Duration.ofSeconds(30)),
                clock, clock::advance, new RequestBudgets(database));
    }

    /** Asks for a count; true when the gate refused it as over the share, without sending it. */
    private static boolean refused(SimulatedAutotask node) {
        long sentBefore = sent(node);
        try {
            node.reader().count(node.credentials(), TICKETS);
            return false;
        } catch (HelpdeskException refusal) {
            assertThat(refusal.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
            assertThat(refusal.getMessage()).contains("20% of the threshold of 100");
            assertThat(sent(node)).isEqualTo(sentBefore);
            return true;
        }
    }

    private static long sent(SimulatedAutotask node) {
        return node.reader().requestsSent(node.credentials());
    }
}
