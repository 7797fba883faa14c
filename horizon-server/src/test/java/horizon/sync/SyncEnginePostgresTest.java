package horizon.sync;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.List;
import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sync engine on PostgreSQL 15. */
@DirtiesContext
class SyncEnginePostgresTest extends SyncEngineCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.start(), ConnectWisePsa.start());

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
