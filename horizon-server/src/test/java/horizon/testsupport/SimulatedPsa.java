package horizon.testsupport;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskKind;
import horizon.simulator.core.delivery.DeliveryFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A running PSA simulator as the PSA-parametrized suites see it: how Horizon reaches it, what a technician does in
 * it, and what the mirror must hold after a sync. One implementation per PSA, next to its adapter's tests; the suites
 * never name a PSA.
 */
public interface SimulatedPsa {

    HelpdeskKind kind();

    /** Credentials of the simulator's API user, as the connector's fields name them. */
    HelpdeskCredentials credentials();

    /** The properties that point a Horizon node at this simulator (added to every context of the suites). */
    Map<String, String> properties();

    /** Creates a ticket as a technician would; returns its id. */
    long createTicket(String title);

    /** Adds a note to a ticket; returns its id. */
    long addNote(long ticketId, String title, String text);

    /** Moves a ticket to another status; returns the status code the ticket holds now, as the mirror stores it. */
    String changeStatus(long ticketId);

    void deleteTicket(long ticketId);

    /** The number people quote for the ticket, what a sync by number takes. */
    String ticketNumber(long ticketId);

    /**
     * What the mirror must hold live for an entity after a sync whose ingest window starts at {@code windowStart}:
     * the PSA's JSON of every record, by id (tickets changed in the window, their notes and time entries, every
     * company, contact and helpdesk user).
     */
    Map<Long, JsonNode> expected(HelpdeskEntity entity, Instant windowStart);

    /** Requests the simulator answered on the endpoints a backfill pages through (tickets, notes, time entries). */
    long pagedRequests();

    /** The most requests the simulator ever had in flight at once on one endpoint. */
    int peakConcurrency();

    void setLatency(Duration latency);

    /** Makes the next {@code count} reads of tickets stall in the middle of their body for {@code stall} each. */
    void stallTicketReads(int count, Duration stall);

    /** Changes the ticket's title as a technician would: a change every PSA's webhooks announce. */
    void retitle(long ticketId, String title);

    /** How the simulator delivers webhooks: drops, duplicates, reorders, delays and failures on demand. */
    DeliveryFaults deliveryFaults();

    /** How many times the simulator switched one of Horizon's webhooks off after failed deliveries. */
    long webhooksSwitchedOff();

    /**
     * Makes deliveries fail, running {@code change} (a change the PSA announces) as often as needed, until the PSA
     * switches one of Horizon's webhooks off as its own rules say; deliveries work again afterwards.
     */
    void failDeliveriesUntilSwitchedOff(Runnable change);

    /** Removes every fault. */
    void clearFaults();

    /** Stops the simulator. (Not AutoCloseable: JUnit would close a parameter after each case.) */
    void close();
}
