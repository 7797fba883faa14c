package horizon.simulator.autotask.webhook;

import horizon.simulator.autotask.SimClock;
import horizon.simulator.autotask.http.ApiEndpoint;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Autotask's webhooks: the Ticket, TicketNote, Company and Contact webhook families with their Fields, UdfFields and
 * ExcludedResources, and the delivery of signed callouts with Autotask's timeout, retry, drop and deactivation rules.
 */
public final class Webhooks implements AutoCloseable {
    private final SimClock clock;
    private final long seed;

    public Webhooks(SimClock clock, long seed) {
        this.clock = clock;
        this.seed = seed;
    }

    /** The REST routes of the webhook entities and WebhookEventErrorLogs. */
    public ApiEndpoint endpoint() {
        throw new UnsupportedOperationException("webhook routes are being written");
    }

    /** Called by the store after every applied change; fires the matching webhooks. */
    public void onChange(RecordChange change) {
    }

    /** Fault settings for delivery: drop, duplicate, reorder, delay. */
    public WebhookFaults faults() {
        throw new UnsupportedOperationException("webhook faults are being written");
    }

    /** Delivery counters: delivered, failed attempts, dropped events, deactivated webhooks. */
    public Map<String, Long> counters() {
        return Map.of();
    }

    /** The webhooks with their fields and error logs, for the state dump. */
    public JsonNode dump() {
        throw new UnsupportedOperationException("webhook dump is being written");
    }

    @Override
    public void close() {
    }
}
