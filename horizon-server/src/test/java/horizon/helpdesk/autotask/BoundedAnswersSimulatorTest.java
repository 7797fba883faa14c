package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.RecordQuery;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.core.fault.FaultRule;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Autotask answer can hold a thread: a response that stalls mid-body fails its call at the deadline and frees the
 * gate's slot, and an answer past the size cap is cut off.
 */
class BoundedAnswersSimulatorTest {
    private static AutotaskSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(3, 6, 3, 200, 2)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void clear() {
        simulator.control().clearFaults();
    }

    private static SimulatedAutotask wired(Duration deadline, long maxBytes) {
        AutotaskProperties properties = new AutotaskProperties(URI.create(simulator.zones().get(0).apiUrl()),
                Duration.ofSeconds(2), deadline, Duration.ofHours(12), maxBytes)
                .withAllowedZoneHosts(List.of(SimulatedAutotask.zoneHosts(simulator)));
        return SimulatedAutotask.wire(simulator, properties, AutotaskGateProperties.defaults(), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    @Test
    void aResponseStalledMidBodyFailsAtTheDeadlineAndFreesItsSlot() {
        SimulatedAutotask autotask = wired(Duration.ofMillis(1500), 32L * 1024 * 1024);
        simulator.control().requestFaults().add(FaultRule.on("POST", "Tickets/query", 1,
                FaultRule.Kind.STALL_MID_BODY, 0).withStall(Duration.ofSeconds(30)));
        Instant sent = Instant.now();

        assertThatThrownBy(() -> autotask.reader().page(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Timed out");
                    assertThat(e.retriable()).isTrue();
                });
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(autotask.gate().snapshot(autotask.credentials()).endpoints().get("Tickets").inFlight()).isZero();
        // the rule covered the first attempt only: the next call goes through the same gate and succeeds
        assertThat(autotask.reader().page(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)).records())
                .isNotEmpty();
    }

    @Test
    void anAnswerPastTheSizeCapIsCutOff() {
        SimulatedAutotask autotask = wired(Duration.ofSeconds(20), 4096);
        assertThatThrownBy(() -> autotask.reader().page(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
        assertThat(e.title()).isEqualTo("Answer too large");
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("larger than");
                });
        assertThat(autotask.gate().snapshot(autotask.credentials()).endpoints().get("Tickets").inFlight()).isZero();
    }
}
