package horizon.sync;

import horizon.simulator.autotask.AutotaskSimulator;
import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sync engine on PostgreSQL 15. */
@DirtiesContext
class SyncEnginePostgresTest extends SyncEngineCases {

    private static final AutotaskSimulator SIMULATOR = startSimulator();

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
        register(registry, SIMULATOR, false);
    }

    @Override
    protected AutotaskSimulator simulator() {
        return SIMULATOR;
    }
}
