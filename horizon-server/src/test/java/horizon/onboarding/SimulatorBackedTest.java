package horizon.onboarding;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.testsupport.HorizonTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Horizon pointed at one in-process Autotask simulator and one ConnectWise simulator, shared by every subclass so they
 * also share one Spring context. Tests that inject faults clear them again in a finally block.
 */
public abstract class SimulatorBackedTest extends HorizonTest {

    private static AutotaskSimulator simulator;
    private static ConnectWisePsa connectWise;

    /**
     * A database of this context's own: the default context's scheduler, which knows no simulator, would otherwise pick
     * up the sync tasks of the accounts connected here (both poll the same scheduled_tasks table).
     */
    private static final String DATABASE = "jdbc:h2:mem:simulated-" + java.util.UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        AutotaskPsa.horizonProperties(simulator()).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("horizon.autotask.request-timeout", () -> "5s");
        // One quick retry after a 429, so a test that makes the PSA refuse sees the refusal within a second.
        registry.add("horizon.autotask.max-retries", () -> "1");
        registry.add("horizon.autotask.backoff-base", () -> "20ms");
        connectWise().properties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("horizon.connectwise.request-timeout", () -> "5s");
    }

    /** A ConnectWise PSA with the standard MSP, started once per JVM and stopped when it exits. */
    protected static synchronized ConnectWisePsa connectWise() {
        if (connectWise == null) {
            connectWise = ConnectWisePsa.start();
        }
        return connectWise;
    }

    /** Started once per JVM and stopped when it exits. */
    protected static synchronized AutotaskSimulator simulator() {
        if (simulator == null) {
            simulator = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty()));
            AutotaskSimulator started = simulator;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "autotask-simulator-stop"));
        }
        return simulator;
    }

    protected static ApiUser apiUser() {
        return simulator().apiUser();
    }
}
