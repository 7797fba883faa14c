package horizon.simulator.autotask.webhook;

/** An ExcludedResources row: changes made by this resource never trigger the webhook. */
record ExcludedResource(long id, long webhookId, long resourceId) {
}
