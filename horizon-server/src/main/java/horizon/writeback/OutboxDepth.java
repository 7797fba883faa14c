package horizon.writeback;

import java.time.Instant;

/**
 * How an account's outbox stands.
 *
 * @param pending       actions waiting to be sent
 * @param failed        actions waiting for an admin
 * @param oldestPending when the oldest waiting action was queued, null when none waits
 */
public record OutboxDepth(int pending, int failed, Instant oldestPending) {
}
