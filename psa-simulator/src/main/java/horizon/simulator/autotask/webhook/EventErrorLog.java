package horizon.simulator.autotask.webhook;

import java.time.Instant;

/** A WebhookEventErrorLogs row: a callout Autotask gave up on, with the payload it could not deliver. */
record EventErrorLog(long id, WebhookFamily family, long webhookId, Instant createDateTime, String errorMessage,
                     String payload, long sequenceNumber) {
}
