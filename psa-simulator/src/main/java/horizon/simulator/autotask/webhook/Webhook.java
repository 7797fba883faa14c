package horizon.simulator.autotask.webhook;

/**
 * One webhook (callout) as Autotask stores it; {@code isReady} is not stored but derived from its fields.
 *
 * @param family                           which entity it watches
 * @param id                               sequential per family
 * @param guid                             webhookGUID, carried in every payload as Guid
 * @param ownerResourceId                  the API user that created it
 */
record Webhook(WebhookFamily family, long id, String name, String webhookUrl, String deactivationUrl, String secretKey,
               String notificationEmailAddress, boolean active, boolean createEvents, boolean updateEvents,
               boolean deleteEvents, boolean sendThresholdExceededNotification, long ownerResourceId, String guid) {

    Webhook withActive(boolean nowActive) {
        return new Webhook(family, id, name, webhookUrl, deactivationUrl, secretKey, notificationEmailAddress, nowActive,
                createEvents, updateEvents, deleteEvents, sendThresholdExceededNotification, ownerResourceId, guid);
    }

    /** Autotask refuses a second webhook with the same entity, URL and callout types, whoever owns it. */
    boolean duplicates(Webhook other) {
        return family == other.family && id != other.id && webhookUrl.equalsIgnoreCase(other.webhookUrl)
                && createEvents == other.createEvents && updateEvents == other.updateEvents
                && deleteEvents == other.deleteEvents;
    }
}
