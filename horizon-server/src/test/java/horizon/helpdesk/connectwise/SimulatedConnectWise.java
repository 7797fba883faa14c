package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.RequestBudgets;
import horizon.testsupport.BudgetDatabase;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import java.time.Clock;
import java.time.Duration;

/** Horizon's ConnectWise adapter wired by hand against a running simulator, as Spring would wire it. */
record SimulatedConnectWise(ConnectWiseApi api, ConnectWiseRateGate gate, ConnectWiseReader reader,
                            ConnectWiseConnector connector, ConnectWiseCallbacks callbacks,
                            HelpdeskCredentials credentials) {

    static SimulatedConnectWise wire(ConnectWiseSimulator simulator, ConnectWiseProperties properties, Clock clock,
                                     ConnectWiseRateGate.Pause pause) {
        return wire(simulator, properties, clock, pause, BudgetDatabase.fresh());
    }

    /** One node's adapter: nodes wired on one {@code budgets} share its database, as Horizon's nodes do. */
    static SimulatedConnectWise wire(ConnectWiseSimulator simulator, ConnectWiseProperties properties, Clock clock,
                                     ConnectWiseRateGate.Pause pause, RequestBudgets budgets) {
        ConnectWiseHttp http = new ConnectWiseHttp(properties);
        ConnectWiseRateGate gate = new ConnectWiseRateGate(properties, clock, pause, budgets);
        ConnectWiseApi api = new ConnectWiseApi(http, gate, properties, clock);
        return new SimulatedConnectWise(api, gate, new ConnectWiseReader(api),
                new ConnectWiseConnector(api, properties, clock),
                new ConnectWiseCallbacks(api, new ConnectWiseSigningKeys(http), properties),
                ConnectWiseCredentials.of(simulator));
    }

    static SimulatedConnectWise wire(ConnectWiseSimulator simulator, ConnectWiseProperties properties) {
        return wire(simulator, properties, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** The simulator's clientId, plain http on loopback, and a short deadline so failures come quickly. */
    static ConnectWiseProperties properties(ConnectWiseSimulator simulator) {
        return ConnectWiseProperties.withClientId(simulator.clientId()).allowingInsecureLoopback()
                .withRequestTimeout(Duration.ofSeconds(10));
    }
}
