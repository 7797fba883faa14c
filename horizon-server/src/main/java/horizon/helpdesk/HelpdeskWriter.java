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

    /** Makes the write's resource the ticket's primary assignee; the ticket as the PSA holds it afterwards. */
    HelpdeskTicket assign(HelpdeskCredentials credentials, HelpdeskWrite.Assign write);

    /** Sets the ticket's status; the ticket as the PSA holds it afterwards. */
    HelpdeskTicket changeStatus(HelpdeskCredentials credentials, HelpdeskWrite.ChangeStatus write);

    /** Adds the note; the new note as the PSA holds it. */
    HelpdeskNote addNote(HelpdeskCredentials credentials, HelpdeskWrite.AddNote write);

    /** Logs the time; the new time entry as the PSA holds it. */
    HelpdeskTimeEntry logTime(HelpdeskCredentials credentials, HelpdeskWrite.LogTime write);

    /** The note an earlier attempt of this write made, if any: see {@link #findCreated}. */
    Optional<HelpdeskNote> findNote(HelpdeskCredentials credentials, HelpdeskWrite.AddNote write, Instant since,
                                    Set<Long> taken);

    /** The time entry an earlier attempt of this write made, if any: see {@link #findCreated}. */
    Optional<HelpdeskTimeEntry> findTimeEntry(HelpdeskCredentials credentials, HelpdeskWrite.LogTime write,
                                              Instant since, Set<Long> taken);

    /**
     * Sends the write once: the one place that tells the write types apart.
     *
     * @return the record as the PSA holds it afterwards: the ticket for {@link HelpdeskWrite.Assign} and
     *         {@link HelpdeskWrite.ChangeStatus}, the new {@link HelpdeskNote} or {@link HelpdeskTimeEntry} for a create
     */
    default HelpdeskRecord send(HelpdeskCredentials credentials, HelpdeskWrite write) {
        // Java 17 has no pattern switch: the chain covers the sealed HelpdeskWrite's four kinds.
        if (write instanceof HelpdeskWrite.Assign assigning) {
            return assign(credentials, assigning);
        }
        if (write instanceof HelpdeskWrite.ChangeStatus changing) {
            return changeStatus(credentials, changing);
        }
        if (write instanceof HelpdeskWrite.AddNote adding) {
            return addNote(credentials, adding);
        }
        return logTime(credentials, (HelpdeskWrite.LogTime) write);
    }

    /**
     * The record an earlier attempt of this create made, if it made one: what the outbox asks before it sends a create
     * again whose outcome it does not know. Looks at the write's ticket for a record by the write's author, created at
     * or after {@code since}, with the write's content (as the PSA stores it: ConnectWise turns line breaks into
     * spaces); records whose ids are in {@code taken} belong to other actions and never match.
     */
    default Optional<HelpdeskRecord> findCreated(HelpdeskCredentials credentials, HelpdeskWrite.Create write,
                                                 Instant since, Set<Long> taken) {
        if (write instanceof HelpdeskWrite.AddNote adding) {
            return findNote(credentials, adding, since, taken).map(HelpdeskRecord.class::cast);
        }
        return findTimeEntry(credentials, (HelpdeskWrite.LogTime) write, since, taken).map(HelpdeskRecord.class::cast);
    }

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
