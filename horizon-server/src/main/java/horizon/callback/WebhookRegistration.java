package horizon.callback;

import java.time.Instant;

/**
 * The last registration attempt of an account's webhooks.
 *
 * @param registeredAt the last success, or null
 * @param error        the PSA's words when the last attempt failed
 */
public record WebhookRegistration(boolean succeeded, Instant attemptedAt, Instant registeredAt, String error) {
}
