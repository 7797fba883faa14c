package horizon.helpdesk;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Changes a connected PSA on an agent's behalf: one small class per write in each adapter, every request through the
 * adapter's rate gate (which waits out 429s; nothing else is retried here: the outbox decides). Failures are
 * {@link HelpdeskException}s: a permanent kind (validation, permission, not found) will fail again as sent; a
 * retriable one after a request went out ({@link HelpdeskException#httpStatus()} 0 or 5xx) leaves a create's outcome
 * unknown.
 */
public interface HelpdeskWriter {

    /**
     * Sends the write once.
     *
     * @return the record as the PSA holds it afterwards: the ticket for {@link HelpdeskWrite.Assign} and
     *         {@link HelpdeskWrite.ChangeStatus}, the new {@link HelpdeskNote} or {@link HelpdeskTimeEntry} for a create
     */
    HelpdeskRecord send(HelpdeskCredentials credentials, HelpdeskWrite write);

    /**
     * The record an earlier attempt of this create made, if it made one: what the outbox asks before it sends a create
     * again whose outcome it does not know. Looks at the write's ticket for a record by the write's author, created at
     * or after {@code since}, with the write's content (as the PSA stores it: ConnectWise turns line breaks into
     * spaces); records whose ids are in {@code taken} belong to other actions and never match.
     */
    Optional<HelpdeskRecord> findCreated(HelpdeskCredentials credentials, HelpdeskWrite.Create write, Instant since,
                                         Set<Long> taken);

    /** The ticket as the PSA holds it now (one request); empty when it has none. */
    Optional<HelpdeskTicket> ticket(HelpdeskCredentials credentials, long ticketId);

    /**
     * The status that completes (closes) this ticket: Autotask's "Complete", the closed status of a ConnectWise
     * ticket's board. Read from the PSA (adapters may cache it for a while).
     *
     * @throws HelpdeskException NOT_FOUND when the PSA has no such status for the ticket
     */
    String completeStatus(HelpdeskCredentials credentials, HelpdeskTicket ticket);

    /**
     * Creates a ticket with the PSA's defaults for everything but the title and description (the smoke test's test
     * ticket), as the API user.
     */
    HelpdeskTicket createTicket(HelpdeskCredentials credentials, String title, String description);

}
