package horizon.writeback;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Write-back on the embedded H2 store, on a database of its own. */
class WritebackH2Test extends WritebackCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.fastDelivery(), ConnectWisePsa.start());

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        register(registry, PSAS, true);
    }

    @Override
    protected List<SimulatedPsa> psas() {
        return PSAS;
    }
}
