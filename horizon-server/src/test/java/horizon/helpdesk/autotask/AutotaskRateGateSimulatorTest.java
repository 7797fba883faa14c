package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.autotask.SimulatedAutotask.ManualClock;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorCounters;
import horizon.simulator.autotask.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The rate gate against the simulator's limits over real HTTP: its thread limit, 429 bursts and hourly threshold. Each
 * test starts its own simulator so counters, peaks and the hourly window are its own.
 */
class AutotaskRateGateSimulatorTest {

    private static final SimulatorOptions SMALL_MSP = SimulatorOptions.defaults()
            .withSize(new SimulatorOptions.MspSize(10, 40, 6, 1_600, 6));

    @Test
    void eightThreadsPagingOneEndpointNeverRunMoreThanThreeRequestsAtOnce() throws Exception {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP)) {
            // Let the simulator accept more than three, so its peak shows what Horizon really sent at once.
            simulator.control().setThreadLimit(20);
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator, AutotaskGateProperties.defaults());
            List<Long> expected = readAll(autotask);
            simulator.control().setLatency(Duration.ofMillis(40));

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Long>>> readers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    readers.add(pool.submit(() -> readAll(autotask)));
                }
                for (Future<List<Long>> read : readers) {
                    assertThat(read.get()).containsExactlyElementsOf(expected);
                }
            } finally {
                pool.shutdownNow();
            }

            SimulatorCounters counters = simulator.control().counters();
            // The simulator names endpoints "tickets" or "Tickets" depending on its version.
            assertThat(counters.concurrentPeak()).hasEntrySatisfying(ticketsKey(counters),
                    peak -> assertThat(peak).isBetween(1, 3));
            assertThat(counters.requests().values()).allSatisfy(byStatus -> assertThat(byStatus).doesNotContainKey(429));
            AutotaskRateGate.Snapshot snapshot = autotask.gate().snapshot(autotask.credentials());
            assertThat(snapshot.endpoints().get("Tickets").peak()).isBetween(1, 3);
            assertThat(snapshot.endpoints().get("Tickets").inFlight()).isZero();
        }
    }

    @Test
    void aBurstOf429IsRetriedWithBackoffAndTheReadSucceeds() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP)) {
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator,
                    SimulatedAutotask.fastBackoff(50, 5, Duration.ofSeconds(10)));
            List<Long> expected = readAll(autotask);
            simulator.control().burst429(3);

            assertThat(readAll(autotask)).containsExactlyElementsOf(expected);

            assertThat(simulator.control().counters().count("Tickets", 429)).isEqualTo(3);
        }
    }

    @Test
    void a429ThatOutlastsTheRetriesFailsRetriablyWithAClearMessage() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP)) {
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator,
                    SimulatedAutotask.fastBackoff(50, 2, Duration.ofSeconds(10)));
            autotask.reader().count(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS));
            simulator.control().burst429(10);

            HelpdeskException failure = catchThrowableOfType(HelpdeskException.class,
                    () -> autotask.reader().count(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS)));

            assertThat(failure.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
            assertThat(failure.retriable()).isTrue();
            assertThat(failure.httpStatus()).isEqualTo(429);
            assertThat(failure.getMessage()).contains("Tickets", "429", "2 retries", "thread threshold");
            assertThat(simulator.control().counters().count("Tickets", 429)).isEqualTo(3);
        }
    }

    @Test
    void aSmallShareRefusesTheEleventhRequestWithoutSendingIt() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP.withHourlyBudget(100))) {
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator,
                    SimulatedAutotask.fastBackoff(10, 2, Duration.ofSeconds(30)));
            RecordQuery tickets = RecordQuery.all(HelpdeskEntity.TICKETS);

            // The first request reads ThresholdInformation first: 1 + 9 counts fill 10% of 100.
            for (int i = 0; i < 9; i++) {
                autotask.reader().count(autotask.credentials(), tickets);
            }
            HelpdeskException refusal = catchThrowableOfType(HelpdeskException.class,
                    () -> autotask.reader().count(autotask.credentials(), tickets));

            assertThat(refusal.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
            assertThat(refusal.retriable()).isTrue();
            assertThat(refusal.httpStatus()).isZero();
            assertThat(refusal.getMessage()).contains("10 requests", "10% of the threshold of 100",
                    "horizon.autotask.budget-share-percent");
            assertThat(simulator.control().counters().requestsThisHour()).isEqualTo(10);
            assertThat(autotask.reader().requestsInLastHour(autotask.credentials())).isEqualTo(10);
            assertThat(autotask.reader().requestsSent(autotask.credentials())).isEqualTo(10);
            AutotaskRateGate.Snapshot snapshot = autotask.gate().snapshot(autotask.credentials());
            assertThat(snapshot.hourlyAllowance()).isEqualTo(10);
            assertThat(snapshot.lastReading().threshold()).isEqualTo(100);
        }
    }

    @Test
    void whenTheShareIsUsedUpARequestWaitsForTheWindowWhenAllowedTo() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP.withHourlyBudget(100))) {
            Instant start = Instant.parse("2026-11-24T09:00:00Z");
            ManualClock clock = new ManualClock(start);
            List<Duration> pauses = new ArrayList<>();
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator,
                    SimulatedAutotask.fastBackoff(10, 2, Duration.ofMinutes(90)), clock, pause -> {
                        pauses.add(pause);
                        clock.advance(pause);
                    });
            RecordQuery tickets = RecordQuery.all(HelpdeskEntity.TICKETS);
            for (int i = 0; i < 9; i++) {
                autotask.reader().count(autotask.credentials(), tickets);
            }

            long count = autotask.reader().count(autotask.credentials(), tickets);

            assertThat(count).isEqualTo(simulator.control().count("Tickets"));
            assertThat(pauses).hasSize(1);
            assertThat(clock.instant()).isAfter(start.plus(Duration.ofMinutes(60)));
            assertThat(autotask.reader().requestsSent(autotask.credentials())).isEqualTo(11);
            assertThat(autotask.reader().requestsInLastHour(autotask.credentials())).isEqualTo(1);
        }
    }

    @Test
    void thresholdInformationIsReadBeforeTheFirstRequestAndAgainEveryInterval() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP.withHourlyBudget(2_000))) {
            ManualClock clock = new ManualClock(Instant.parse("2026-11-24T09:00:00Z"));
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator,
                    SimulatedAutotask.fastBackoff(50, 2, Duration.ofSeconds(5)), clock, clock::advance);
            RecordQuery tickets = RecordQuery.all(HelpdeskEntity.TICKETS);

            autotask.reader().count(autotask.credentials(), tickets);
            clock.advance(Duration.ofMinutes(4));
            autotask.reader().count(autotask.credentials(), tickets);
            assertThat(simulator.control().counters().count("ThresholdInformation", 200)).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            autotask.reader().count(autotask.credentials(), tickets);

            assertThat(simulator.control().counters().count("ThresholdInformation", 200)).isEqualTo(2);
            AutotaskRateGate.Snapshot snapshot = autotask.gate().snapshot(autotask.credentials());
            assertThat(snapshot.lastReading().threshold()).isEqualTo(2_000);
            assertThat(snapshot.lastReading().readAt()).isEqualTo(clock.instant());
            assertThat(snapshot.hourlyAllowance()).isEqualTo(1_000);
            assertThat(snapshot.requestsSent()).isEqualTo(5);
            assertThat(snapshot.endpoints()).containsKeys("Tickets", "ThresholdInformation");
        }
    }

    @Test
    void aBusyDatabaseSlowsHorizonDown() {
        try (AutotaskSimulator simulator = AutotaskSimulator.start(SMALL_MSP.withHourlyBudget(100))) {
            // Another integration of the same database has used 92 of the 100 requests.
            SimulatedAutotask other = SimulatedAutotask.wire(simulator, SimulatedAutotask.fastBackoff(100, 0,
                    Duration.ofSeconds(5)));
            for (int i = 0; i < 91; i++) {
                other.reader().count(other.credentials(), RecordQuery.all(HelpdeskEntity.COMPANIES));
            }
            ManualClock clock = new ManualClock(Instant.parse("2026-11-24T09:00:00Z"));
            List<Duration> pauses = new ArrayList<>();
            SimulatedAutotask autotask = SimulatedAutotask.wire(simulator,
                    SimulatedAutotask.fastBackoff(50, 0, Duration.ofSeconds(5)), clock, pause -> {
                        pauses.add(pause);
                        clock.advance(pause);
                    });

            autotask.reader().count(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS));
            autotask.reader().count(autotask.credentials(), RecordQuery.all(HelpdeskEntity.TICKETS));

            AutotaskRateGate.Snapshot snapshot = autotask.gate().snapshot(autotask.credentials());
            assertThat(snapshot.lastReading().requestsUsed()).isGreaterThan(90);
            assertThat(snapshot.slowedDown()).isTrue();
            assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    private static String ticketsKey(SimulatorCounters counters) {
        return counters.concurrentPeak().keySet().stream().filter(k -> k.equalsIgnoreCase("tickets")).findFirst()
                .orElse("Tickets");
    }

    private static List<Long> readAll(SimulatedAutotask autotask) {
        List<Long> ids = new ArrayList<>();
        RecordQuery query = RecordQuery.all(HelpdeskEntity.TICKETS);
        while (true) {
            RecordPage<HelpdeskRecord> page = autotask.reader().page(autotask.credentials(), query);
            page.records().forEach(r -> ids.add(r.externalId()));
            if (page.complete()) {
                return ids;
            }
            query = query.continuedAt(page.nextCursor());
        }
    }
}
