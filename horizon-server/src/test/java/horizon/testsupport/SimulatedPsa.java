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

    /** Where the PSA's webhooks (every client's) call. */
    java.util.List<String> webhookUrls();

    /** Removes every fault. */
    void clearFaults();

    /** The ticket's assignee (the PSA's user id) and status code as the PSA holds them now, as the mirror stores them. */
    TicketState ticketState(long ticketId);

    /** The ticket's notes as the PSA holds them, by id. */
    java.util.List<PsaNote> notes(long ticketId);

    /** The ticket's time entries as the PSA holds them, by id. */
    java.util.List<PsaTime> timeEntries(long ticketId);

    /**
     * Arms a fault on the PSA's requests that write an entity: create a note ({@code TICKET_NOTES}), create a time entry
     * ({@code TIME_ENTRIES}) or update a ticket ({@code TICKETS}); attempts counted from now, {@code to} 0 for no end.
     */
    void faultWrites(HelpdeskEntity entity, horizon.simulator.core.fault.FaultRule.Kind kind, int status,
                     Duration stall, int from, int to);

    /** Write requests of the entity (as {@link #faultWrites}) the PSA received so far, from its request log. */
    long writeRequests(HelpdeskEntity entity);

    /**
     * Makes every listing of a ticket's notes answer {@code 200 {}} (success with no list in it) until the faults are
     * cleared.
     */
    void answerNoteListingsWithoutAList();

    /** Credentials of one more API user (Autotask) or key pair (ConnectWise) of the same database and rights. */
    HelpdeskCredentials extraCredentials();

    /**
     * What the PSA's admin does to credentials that leaked: the given ones stop working at once, and the new ones
     * (same user, a new secret or key pair) are returned.
     */
    HelpdeskCredentials regenerate(HelpdeskCredentials credentials);

    /** The faults the PSA's API answers with (error rates, 429 storms, aimed faults, down). */
    horizon.simulator.core.fault.RequestFaults requestFaults();

    /** Switches the PSA's API off (every request fails) or on. */
    void setApiDown(boolean down);

    /** A ticket's assignee and status in the PSA. */
    record TicketState(Long assigneeId, String status) {
    }

    /**
     * A note in the PSA.
     *
     * @param authorId the user the PSA records as its author (the API user where the PSA cannot impersonate)
     */
    record PsaNote(long id, String text, Long authorId) {

        /** Whether the PSA credits the note to this user: as its author, or by name in the text. */
        public boolean creditedTo(long userId, String name) {
            return (authorId != null && authorId == userId) || text.contains(name);
        }
    }

    /** A time entry in the PSA. */
    record PsaTime(long id, Long resourceId, String summary) {
    }

    /** Stops the simulator. (Not AutoCloseable: JUnit would close a parameter after each case.) */
    void close();
}
