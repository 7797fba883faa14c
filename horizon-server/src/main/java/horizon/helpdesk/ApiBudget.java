package horizon.helpdesk;

import java.time.Instant;

/**
 * One reading of the PSA's request budget, shared by every integration of the tenant.
 *
 * @param requestsUsed     requests counted in the current timeframe
 * @param threshold        requests allowed per timeframe
 * @param timeframeMinutes length of the timeframe
 * @param readAt           when Horizon read it
 */
public record ApiBudget(int requestsUsed, int threshold, int timeframeMinutes, Instant readAt) {

    /** Share of the budget in use, 0..100, rounded down. */
    public int percentUsed() {
        return threshold <= 0 ? 0 : (int) Math.min(100L, requestsUsed * 100L / threshold);
    }
}
