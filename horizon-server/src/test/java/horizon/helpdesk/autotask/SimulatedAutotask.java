package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.RequestBudgets;
import horizon.testsupport.BudgetDatabase;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Horizon's Autotask read side wired by hand against a running simulator, as Spring would wire it. */
record SimulatedAutotask(AutotaskApi api, AutotaskRateGate gate, AutotaskReader reader, HelpdeskCredentials credentials) {

    static SimulatedAutotask wire(AutotaskSimulator simulator, AutotaskGateProperties gateProperties, Clock clock,
                                  AutotaskRateGate.Pause pause) {
        return wire(simulator, new AutotaskProperties(URI.create(simulator.zones().get(0).apiUrl()),
                Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofHours(12))
                .withAllowedZoneHosts(List.of(zoneHosts(simulator))), gateProperties, clock, pause);
    }

    /** The simulator's zones as {@code horizon.autotask.allowed-zone-hosts} must name them: plain http on loopback. */
    static String zoneHosts(AutotaskSimulator simulator) {
        return "http://" + URI.create(simulator.zones().get(0).apiUrl()).getHost();
    }

    static SimulatedAutotask wire(AutotaskSimulator simulator, AutotaskProperties properties,
                                  AutotaskGateProperties gateProperties, Clock clock, AutotaskRateGate.Pause pause) {
        return wire(simulator, properties, gateProperties, clock, pause, BudgetDatabase.fresh());
    }

    /** One node's read side: nodes wired on one {@code budgets} share its database, as Horizon's nodes do. */
    static SimulatedAutotask wire(AutotaskSimulator simulator, AutotaskGateProperties gateProperties, Clock clock,
                                  AutotaskRateGate.Pause pause, RequestBudgets budgets) {
        return wire(simulator, new AutotaskProperties(URI.create(simulator.zones().get(0).apiUrl()),
                Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofHours(12))
                .withAllowedZoneHosts(List.of(zoneHosts(simulator))), gateProperties, clock, pause, budgets);
    }

    static SimulatedAutotask wire(AutotaskSimulator simulator, AutotaskProperties properties,
                                  AutotaskGateProperties gateProperties, Clock clock, AutotaskRateGate.Pause pause,
                                  RequestBudgets budgets) {
        AutotaskHttp http = new AutotaskHttp(properties);
        AutotaskRateGate gate = new AutotaskRateGate(gateProperties, clock, pause, budgets);
        AutotaskApi api = new AutotaskApi(http, new ZoneResolver(http, properties, clock), gate);
        ApiUser user = simulator.apiUser();
        return new SimulatedAutotask(api, gate, new AutotaskReader(api),
                AutotaskCredentials.of(user.userName(), user.secret(), user.integrationCode()));
    }

    /** The writer on the same API and gate, its picklist cache on {@code clock}. */
    AutotaskWriter writer(Clock clock) {
        return new AutotaskWriter(api, reader, clock);
    }

    static SimulatedAutotask wire(AutotaskSimulator simulator, AutotaskGateProperties gateProperties) {
        return wire(simulator, gateProperties, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /** Gate settings for tests: the defaults with backoff in milliseconds. */
    static AutotaskGateProperties fastBackoff(int budgetSharePercent, int maxRetries, Duration maxWait) {
        return new AutotaskGateProperties(budgetSharePercent, 3, Duration.ofMinutes(5), 90, Duration.ofSeconds(1),
                maxWait, Duration.ofMillis(5), Duration.ofMillis(40), maxRetries);
    }

    /** A clock tests move by hand; the gate's pause moves it instead of sleeping. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
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
            return now;
        }
    }
}
