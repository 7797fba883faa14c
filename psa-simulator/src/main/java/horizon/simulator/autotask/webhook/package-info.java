/**
 * Autotask's webhooks in the simulator: the REST entities (TicketWebhooks, TicketNoteWebhooks, CompanyWebhooks,
 * ContactWebhooks with Fields, UdfFields, ExcludedResources, and WebhookEventErrorLogs), the firing rules and the signed,
 * queued delivery.
 * <p>
 * Deliberate choices where Autotask is undocumented or where the simulator diverges:
 * <ul>
 *     <li>Payload key order is {@code Action, Guid, EntityType, Id, Fields, EventTime, SequenceNumber, PersonID}; the
 *     person key is spelled {@code PersonID} (n8n's spelling; Nango's sample says {@code PersonId}). Fields keys are the
 *     REST names with a capital first letter, UDFs under their own name; every value is a string (booleans as
 *     {@code True}/{@code False}), null stays null. Delete carries {@code "Fields":{}}.</li>
 *     <li>The DeactivationUrl receives {@code {"Action":"Deactivated","Guid","Id","EventTime","SequenceNumber"}},
 *     signed like a callout, once, without retry; it is called on deactivation after 25 consecutive failures, when a
 *     client switches the webhook off, and when it deletes an active webhook.</li>
 *     <li>{@code secretKey} is write-only: reads return null ({@link horizon.simulator.autotask.webhook.Webhooks#secretKey}
 *     exposes it to tests).</li>
 *     <li>WebhookEventErrorLogs rows carry {@code ticketWebhookID} and {@code ticketNoteWebhookID} next to Autotask's
 *     {@code accountWebhookID} and {@code contactWebhookID}.</li>
 *     <li>Webhook collections answer at most 500 rows and never a nextPageUrl; their query supports every operator
 *     but not the {@code udf} flag.</li>
 *     <li>The callout timeout is 10 s times the time scale but never under 1 s; the retry delay is scaled
 *     without a floor. Fault delay is wall-clock time. Events queued for a webhook that becomes inactive wait for its
 *     reactivation; those of a deleted webhook are discarded.</li>
 *     <li>http URLs are accepted besides https, so tests can receive on loopback.</li>
 * </ul>
 */
package horizon.simulator.autotask.webhook;
