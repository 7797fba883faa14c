package horizon.simulator.connectwise;

import java.time.Duration;

/**
 * How a simulated ConnectWise PSA is started: where it listens, what MSP it generates, how it limits and how fast its
 * time runs.
 *
 * @param bindAddress       address the site listens on (loopback by default)
 * @param port              the site's port; 0 picks a free one
 * @param seed              makes the generated MSP, ids and credentials repeatable
 * @param size              how big the generated MSP is
 * @param requestsPerMinute requests per company in a rolling minute before 429 with Retry-After
 * @param latency           added to every API request (not to the control API or company info)
 * @param timeScale         multiplies callback timeout, retry and disablement delays: 0.01 makes the 2 s retry 20 ms
 * @param activityPerMinute technician actions per minute of the activity generator; 0 leaves it off
 */
public record ConnectWiseOptions(String bindAddress, int port, long seed, MspSize size, int requestsPerMinute,
                                 Duration latency, double timeScale, double activityPerMinute) {

    /** The size of the generated MSP. */
    public record MspSize(int companies, int contacts, int members, int tickets, int monthsOfHistory) {
        public static MspSize standard() {
            return new MspSize(40, 400, 12, 3000, 18);
        }

        /** Only the MSP itself, its boards and picklists, and two technicians: for fast tests. */
        public static MspSize empty() {
            return new MspSize(0, 0, 2, 0, 1);
        }
    }

    public static ConnectWiseOptions defaults() {
        return new ConnectWiseOptions("127.0.0.1", 0, 42L, MspSize.standard(), 1000, Duration.ZERO, 1.0, 0.0);
    }

    public ConnectWiseOptions withPort(int newPort) {
        return new ConnectWiseOptions(bindAddress, newPort, seed, size, requestsPerMinute, latency, timeScale, activityPerMinute);
    }

    public ConnectWiseOptions withBindAddress(String address) {
        return new ConnectWiseOptions(address, port, seed, size, requestsPerMinute, latency, timeScale, activityPerMinute);
    }

    public ConnectWiseOptions withSeed(long newSeed) {
        return new ConnectWiseOptions(bindAddress, port, newSeed, size, requestsPerMinute, latency, timeScale, activityPerMinute);
    }

    public ConnectWiseOptions withSize(MspSize newSize) {
        return new ConnectWiseOptions(bindAddress, port, seed, newSize, requestsPerMinute, latency, timeScale, activityPerMinute);
    }

    public ConnectWiseOptions withRequestsPerMinute(int limit) {
        return new ConnectWiseOptions(bindAddress, port, seed, size, limit, latency, timeScale, activityPerMinute);
    }

    public ConnectWiseOptions withLatency(Duration newLatency) {
        return new ConnectWiseOptions(bindAddress, port, seed, size, requestsPerMinute, newLatency, timeScale, activityPerMinute);
    }

    public ConnectWiseOptions withTimeScale(double scale) {
        return new ConnectWiseOptions(bindAddress, port, seed, size, requestsPerMinute, latency, scale, activityPerMinute);
    }

    public ConnectWiseOptions withActivityPerMinute(double perMinute) {
        return new ConnectWiseOptions(bindAddress, port, seed, size, requestsPerMinute, latency, timeScale, perMinute);
    }
}
