package horizon.simulator.autotask.webhook;

/**
 * A Fields or UdfFields row of a webhook.
 *
 * @param fieldId       FieldID of a {@link WatchedField}, or the UdfFieldID of a user-defined field
 * @param subscribed    IsSubscribedField: a change to it triggers an Update callout
 * @param displayAlways IsDisplayAlwaysField: its value is in every payload
 */
record WebhookField(long id, long webhookId, long fieldId, boolean subscribed, boolean displayAlways) {
}
