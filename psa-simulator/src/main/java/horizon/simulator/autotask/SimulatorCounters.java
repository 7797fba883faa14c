package horizon.simulator.autotask;

import java.util.Map;

/**
 * What the simulator has served.
 *
 * @param requests        requests by endpoint (first path segment after V1.0, or zoneInformation) and HTTP status
 * @param concurrentPeak  the most concurrent requests one integration code had on each endpoint
 * @param requestsThisHour requests counted against the hourly budget in the rolling 60 minutes
 * @param hourlyBudget    the current threshold
 * @param webhooks        delivery counters of the webhooks (delivered, failed, dropped, ...)
 */
public record SimulatorCounters(Map<String, Map<Integer, Long>> requests, Map<String, Integer> concurrentPeak,
                                int requestsThisHour, int hourlyBudget, Map<String, Long> webhooks) {

    /** Requests with the given status on an endpoint, 0 when none. */
    public long count(String endpoint, int status) {
        return requests.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
    }
}
