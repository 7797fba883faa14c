package horizon.helpdesk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a connected PSA for the sync engine. Implementations go through the PSA's rate gate (concurrency per
 * endpoint, the hourly budget share, backoff on throttling) and throw {@link HelpdeskException} with a retriable or
 * permanent kind.
 */
public interface HelpdeskReader {

    HelpdeskKind kind();

    /** How many records match the query (the total a backfill reports progress against). */
    long count(HelpdeskCredentials credentials, RecordQuery query);

    /** The first page (at most {@link RecordPage#MAX_SIZE}) of matching records with an id above {@code query.idAbove()}. */
    RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query);

    /**
     * The ticket the PSA knows by this ticket number (the number people quote, not the id); empty when it has none.
     * One request, so a ticket can be synced by the number an agent has at hand, mirrored or not.
     */
    Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber);

    /** Every value of every picklist Horizon mirrors, inactive ones included. */
    List<PicklistValue> picklists(HelpdeskCredentials credentials);

    /**
     * One page of a deletion log: deletions logged at or after {@code since} with a log id above {@code afterLogId},
     * ordered by log id ({@link DeletionPage#complete()} says whether more remain).
     */
    DeletionPage deletions(HelpdeskCredentials credentials, DeletionLog log, Instant since, long afterLogId);

    /** The PSA's own reading of the shared request budget. */
    ApiBudget budget(HelpdeskCredentials credentials);

    /** Requests Horizon sent to this PSA tenant in the last hour, as counted by the rate gate. */
    int requestsInLastHour(HelpdeskCredentials credentials);

    /** Requests Horizon sent to this PSA tenant since start, a counter that only grows (a sync run reports the difference). */
    long requestsSent(HelpdeskCredentials credentials);

    /** The PSA's deletion logs; each has its own log ids and is read on its own watermark. */
    enum DeletionLog {
        /** Deleted tickets (Autotask DeletedTicketLogs). */
        TICKETS,
        /** Deleted notes and time entries of tickets (Autotask DeletedTicketActivityLogs). */
        TICKET_ACTIVITY
    }

    /**
     * A page of deletions.
     *
     * @param deletions ordered by log id
     * @param lastLogId the cursor for the next call
     * @param complete  true when nothing more is logged
     */
    record DeletionPage(List<HelpdeskDeletion> deletions, long lastLogId, boolean complete) {
    }
}
