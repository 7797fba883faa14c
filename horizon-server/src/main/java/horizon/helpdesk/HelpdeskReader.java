package horizon.helpdesk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a connected PSA for the sync engine. Every request passes the adapter's rate gate inside the adapter's own
 * client (concurrency, the PSA's budget, backoff on throttling), and every failure is a {@link HelpdeskException} with
 * a retriable or permanent kind. What the PSA can do is in {@link #capabilities()}.
 */
public interface HelpdeskReader {

    ReaderCapabilities capabilities();

    /** How many records match the query (the total a backfill reports progress against); 0 without counts. */
    long count(HelpdeskCredentials credentials, RecordQuery query);

    /** One page of matching records, continuing at {@link RecordQuery#cursor()}. */
    RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query);

    /**
     * Only the ids of matching records, ascending, in the cheapest form the PSA offers: how entities no
     * {@link DeletionFeed} covers are compared with the mirror.
     */
    IdPage ids(HelpdeskCredentials credentials, RecordQuery query);

    /**
     * The ticket the PSA knows by this ticket number (the number people quote; for PSAs whose tickets have no separate
     * number, the id); empty when it has none. One request, so a ticket can be synced by the number an agent has at
     * hand, mirrored or not.
     */
    Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber);

    /** The picklists this PSA has, in display order, each under its own names with its neutral role. */
    List<PicklistDefinition> picklistDefinitions();

    /** Every value of every picklist Horizon mirrors, inactive ones included. */
    List<PicklistValue> picklists(HelpdeskCredentials credentials);

    /** The PSA's deletion logs; empty when it keeps none (deletions are then found by comparing ids). */
    List<DeletionFeed> deletionFeeds();

    /**
     * One page of a deletion feed: deletions logged at or after {@code since} with a log id above {@code afterLogId},
     * ordered by log id ({@link DeletionPage#complete()} says whether more remain).
     */
    DeletionPage deletions(HelpdeskCredentials credentials, DeletionFeed feed, Instant since, long afterLogId);

    /** The PSA's own reading of its request budget, when it publishes one. */
    Optional<ApiBudget> budget(HelpdeskCredentials credentials);

    /** Requests Horizon sent to this PSA tenant in the last hour, as counted by the rate gate. */
    int requestsInLastHour(HelpdeskCredentials credentials);

    /** Requests Horizon sent to this PSA tenant since start, a counter that only grows (a sync run reports the difference). */
    long requestsSent(HelpdeskCredentials credentials);

    /**
     * A page of deletions.
     *
     * @param deletions ordered by log id
     * @param lastLogId the cursor for the next call
     * @param complete  true when nothing more is logged
     */
    record DeletionPage(List<HelpdeskDeletion> deletions, long lastLogId, boolean complete) {
    }

    /**
     * A page of ids.
     *
     * @param ids        ascending
     * @param nextCursor what to continue with, null when no more match
     */
    record IdPage(List<Long> ids, String nextCursor) {

        public IdPage {
            ids = List.copyOf(ids);
        }

        public boolean complete() {
            return nextCursor == null;
        }
    }
}
