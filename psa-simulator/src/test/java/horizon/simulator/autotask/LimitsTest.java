package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class LimitsTest {
    static final Map<String, Object> ALL = Map.of("filter", List.of(Map.of("op", "exist", "field", "id")), "MaxRecords", 1);

    @Test
    void fourParallelSlowRequestsOnOneEndpointGiveExactlyOne429() throws Exception {
        try (AutotaskSimulator sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty())
                .withLatency(Duration.ofSeconds(3)))) {
            ApiClient api = ApiClient.of(sim.apiUser());
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<CompletableFuture<ApiClient.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> api.post("V1.0/Companies/query", ALL), pool));
                }
                // the fourth arrives while the first three hold their slots (latency is spent inside the slot)
                Awaitility.await().atMost(10, TimeUnit.SECONDS)
                        .until(() -> sim.control().counters().concurrentPeak().getOrDefault("Companies", 0) == 3);
                var fourth = api.post("V1.0/Companies/query", ALL);
                List<Integer> statuses = new ArrayList<>(calls.stream().map(CompletableFuture::join)
                        .map(ApiClient.Response::status).toList());
                statuses.add(fourth.status());
                assertThat(statuses).containsExactly(200, 200, 200, 429);
                assertThat(fourth.firstError()).isEqualTo("API thread threshold of 3 threads has been exceeded");
                assertThat(sim.control().counters().count("Companies", 429)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void hourlyBudgetRefusesBeyondTheThresholdAndThresholdInformationCounts() {
        try (AutotaskSimulator sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty())
                .withHourlyBudget(5))) {
            ApiClient api = ApiClient.of(sim.apiUser());
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            }
            var threshold = api.get("V1.0/ThresholdInformation");
            assertThat(threshold.status()).isEqualTo(200);
            assertThat(threshold.json().get("externalRequestThreshold").asInt()).isEqualTo(5);
            assertThat(threshold.json().get("requestThresholdTimeframe").asInt()).isEqualTo(60);
            assertThat(threshold.json().get("currentTimeframeRequestCount").asInt()).isEqualTo(4);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            var refused = api.post("V1.0/Companies/query", ALL);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.firstError()).contains("threshold");
            // zone discovery is exempt
            var zone = new ApiClient(sim.zones().get(0).webUrl()).get("atservicesrest/v1.0/zoneInformation?user=" + sim.apiUser().userName());
            assertThat(zone.status()).isEqualTo(200);
            sim.control().setHourlyBudget(100);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            assertThat(sim.control().counters().requestsThisHour()).isEqualTo(6);
        }
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends java.time.Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-11-24T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void theBudgetWindowRollsOverSixtyMinutes() {
        MovableClock clock = new MovableClock();
        try (AutotaskSimulator sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty())
                .withHourlyBudget(2), clock)) {
            ApiClient api = ApiClient.of(sim.apiUser());
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(30));
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(429);
            clock.advance(Duration.ofMinutes(31));
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            assertThat(api.get("V1.0/ThresholdInformation").status()).isEqualTo(429);
            clock.advance(Duration.ofMinutes(30));
            var threshold = api.get("V1.0/ThresholdInformation");
            assertThat(threshold.json().get("currentTimeframeRequestCount").asInt()).isEqualTo(2);
            long id = sim.control().createTicket(java.util.Map.of());
            assertThat(sim.control().get("Tickets", id).orElseThrow().get("createDate").asString()).startsWith("2026-11-24T09:31:00");
        }
    }

    @Test
    void faultsOnDemand() {
        try (AutotaskSimulator sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty()))) {
            ApiClient api = ApiClient.of(sim.apiUser());
            SimulatorControl control = sim.control();
            control.burst429(2);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(429);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(429);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            control.setErrorRate(503, 1.0);
            var unavailable = api.post("V1.0/Companies/query", ALL);
            assertThat(unavailable.status()).isEqualTo(503);
            control.setErrorRate(500, 1.0);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(500);
            control.setErrorRate(500, 0);
            control.setApiDown(true);
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(503);
            assertThat(new ApiClient(sim.zones().get(0).webUrl()).get("atservicesrest/v1.0/zoneInformation?user=x").status()).isEqualTo(503);
            control.clearFaults();
            control.setLatency(Duration.ofMillis(200));
            long start = System.nanoTime();
            assertThat(api.post("V1.0/Companies/query", ALL).status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }
}
