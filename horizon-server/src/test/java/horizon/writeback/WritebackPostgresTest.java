package horizon.writeback;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.EmbeddedPostgresStore;
import horizon.testsupport.SimulatedPsa;
import java.util.List;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Write-back on PostgreSQL 15. */
@DirtiesContext
class WritebackPostgresTest extends WritebackCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.fastDelivery(), ConnectWisePsa.start());

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
        register(registry, PSAS, false);
    }

    @Override
    protected List<SimulatedPsa> psas() {
        return PSAS;
    }
}
