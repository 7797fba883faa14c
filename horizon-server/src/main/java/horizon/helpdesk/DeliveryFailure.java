package horizon.helpdesk;

import java.time.Instant;

/**
 * A delivery the PSA gave up on, from its own log (Autotask's WebhookEventErrorLogs).
 *
 * @param hookName {@link RegisteredHook#name()} of the webhook, or null when the PSA's log does not say
 * @param at       when the PSA logged it
 * @param message  the PSA's words
 * @param sequence the event's sequence number, or null
 * @param payload  the payload the PSA could not deliver, or null
 */
public record DeliveryFailure(String hookName, Instant at, String message, String sequence, String payload) {
}
