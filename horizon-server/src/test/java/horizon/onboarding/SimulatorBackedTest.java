package horizon.onboarding;

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

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        registry.add("horizon.autotask.discovery-url", () -> simulator().zones().get(0).apiUrl());
        registry.add("horizon.autotask.request-timeout", () -> "5s");
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
