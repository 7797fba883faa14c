package horizon.callback;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The callback pipeline on the embedded H2 store, on a database of its own. */
class CallbackPipelineH2Test extends CallbackPipelineCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.fastDelivery(), ConnectWisePsa.start());

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        register(registry, PSAS, true);
    }

    @Override
    protected List<SimulatedPsa> psas() {
        return PSAS;
    }

    @Override
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("psas")
    void aBurstOf5000EventsOver500TicketsCostsAtMost20FetchRequests(SimulatedPsa psa) {
        super.aBurstOf5000EventsOver500TicketsCostsAtMost20FetchRequests(psa);
    }
}
