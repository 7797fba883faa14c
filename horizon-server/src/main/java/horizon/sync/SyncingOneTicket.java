package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirrorWriter;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads one ticket with its notes and time entries, by PSA id or by ticket number. A number is looked up in the mirror
 * (the PSA-neutral reader queries by id only), so a ticket never mirrored is asked for by id.
 */
@Component
class SyncingOneTicket {

    private final MirrorWriter writer;
    private final MirrorQueries queries;
    private final PollingAccount polling;

    SyncingOneTicket(MirrorWriter writer, MirrorQueries queries, PollingAccount polling) {
        this.writer = writer;
        this.queries = queries;
        this.polling = polling;
    }

    /** Syncs the ticket; throws {@link TicketNotFound} with a message for the admin when there is none. */
    void run(ConnectedAccount account, RunLog run, String numberOrId) {
        long ticketId = resolve(account.accountId(), numberOrId);
        RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(),
                new RecordQuery(HelpdeskEntity.TICKETS, null, ticketId - 1, ticketId, List.of()));
        List<HelpdeskRecord> found = page.records().stream().filter(r -> r.externalId() == ticketId).toList();
        if (found.isEmpty()) {
            throw new TicketNotFound("The helpdesk has no ticket with id " + ticketId + ".");
        }
        run.wrote(Streams.name(HelpdeskEntity.TICKETS), found.size(),
                Streams.upsert(writer, account.accountId(), HelpdeskEntity.TICKETS, found), true);
        polling.readChildren(account, run, List.of(ticketId));
    }

    private long resolve(long accountId, String numberOrId) {
        String text = numberOrId == null ? "" : numberOrId.strip();
        if (text.matches("\\d{1,18}")) {
            return Long.parseLong(text);
        }
        Optional<HelpdeskTicket> byNumber = queries.ticketByNumber(accountId, text);
        return byNumber.map(HelpdeskTicket::externalId).orElseThrow(() -> new TicketNotFound(
                "No mirrored ticket has the number \"" + text + "\"; sync it by its id instead."));
    }

    /** The ticket asked for does not exist (in the PSA, or under that number in the mirror). */
    static final class TicketNotFound extends RuntimeException {
        TicketNotFound(String message) {
            super(message);
        }
    }
}
