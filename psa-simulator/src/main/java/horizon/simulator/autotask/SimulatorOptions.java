package horizon.simulator.autotask;

import java.time.Duration;
import java.util.List;

/**
 * How a simulated Autotask is started: where it listens, what MSP it generates, how it limits and how fast its time runs.
 *
 * @param bindAddress     address every zone host listens on (loopback by default)
 * @param basePort        port of the first zone; the next zones take the following ports; 0 picks free ports
 * @param seed            makes the generated MSP, picklist codes and credentials repeatable
 * @param zones           zone host names served at once, e.g. webservices2, webservices14; the API user's database lives in the last
 * @param size            how big the generated MSP is
 * @param hourlyBudget    external requests per rolling hour per database before 429
 * @param threadLimit     concurrent requests per integration code and endpoint before 429
 * @param latency         added to every API request (not to the control API)
 * @param timeScale       multiplies webhook retry and timeout delays: 0.01 makes Autotask's 30 s retry take 300 ms
 * @param activityPerMinute technician actions per minute of the activity generator; 0 leaves it off
 */
public record SimulatorOptions(
        String bindAddress,
        int basePort,
        long seed,
        List<String> zones,
        MspSize size,
        int hourlyBudget,
        int threadLimit,
        Duration latency,
        double timeScale,
        double activityPerMinute) {

    /** The size of the generated MSP. */
    public record MspSize(int companies, int contacts, int resources, int tickets, int monthsOfHistory) {
        public static MspSize standard() {
            return new MspSize(40, 400, 12, 3000, 18);
        }

        public static MspSize empty() {
            return new MspSize(0, 0, 2, 0, 1);
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", 0, 42L, List.of("webservices2", "webservices14"),
                MspSize.standard(), 10_000, 3, Duration.ZERO, 1.0, 0.0);
    }

    public SimulatorOptions withBasePort(int port) {
        return new SimulatorOptions(bindAddress, port, seed, zones, size, hourlyBudget, threadLimit, latency, timeScale, activityPerMinute);
    }

    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(bindAddress, basePort, newSeed, zones, size, hourlyBudget, threadLimit, latency, timeScale, activityPerMinute);
    }

    public SimulatorOptions withSize(MspSize newSize) {
        return new SimulatorOptions(bindAddress, basePort, seed, zones, newSize, hourlyBudget, threadLimit, latency, timeScale, activityPerMinute);
    }

    public SimulatorOptions withHourlyBudget(int budget) {
        return new SimulatorOptions(bindAddress, basePort, seed, zones, size, budget, threadLimit, latency, timeScale, activityPerMinute);
    }

    public SimulatorOptions withLatency(Duration newLatency) {
        return new SimulatorOptions(bindAddress, basePort, seed, zones, size, hourlyBudget, threadLimit, newLatency, timeScale, activityPerMinute);
    }

    public SimulatorOptions withTimeScale(double scale) {
        return new SimulatorOptions(bindAddress, basePort, seed, zones, size, hourlyBudget, threadLimit, latency, scale, activityPerMinute);
    }

    public SimulatorOptions withActivityPerMinute(double perMinute) {
        return new SimulatorOptions(bindAddress, basePort, seed, zones, size, hourlyBudget, threadLimit, latency, timeScale, perMinute);
    }
}
