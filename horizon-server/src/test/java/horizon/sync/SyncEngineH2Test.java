package horizon.sync;

import horizon.simulator.autotask.AutotaskSimulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sync engine on the embedded H2 store (PostgreSQL mode), on a database of its own. */
class SyncEngineH2Test extends SyncEngineCases {

    private static final AutotaskSimulator SIMULATOR = startSimulator();

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        register(registry, SIMULATOR, true);
    }

    @Override
    protected AutotaskSimulator simulator() {
        return SIMULATOR;
    }
}
