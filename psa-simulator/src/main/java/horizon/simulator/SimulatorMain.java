package horizon.simulator;

/** Command line entry: {@code java -jar psa-simulator.jar autotask --port 9800 --seed 42}. */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("the command line is being written");
    }
}
