package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorWriter;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads one ticket with its notes and time entries, by PSA id or by ticket number. Either way the ticket costs one
 * request, which returns its current version, so a number is asked of the PSA directly: that also finds tickets the
 * mirror has never seen (outside the ingest window, or created since the last poll).
 */
@Component
class SyncingOneTicket {

    private final MirrorWriter writer;
    private final PollingAccount polling;

    SyncingOneTicket(MirrorWriter writer, PollingAccount polling) {
        this.writer = writer;
        this.polling = polling;
    }

    /** Syncs the ticket; throws {@link TicketNotFound} with a message for the admin when there is none. */
    void run(ConnectedAccount account, RunLog run, String numberOrId) {
        String text = numberOrId == null ? "" : numberOrId.strip();
        HelpdeskRecord ticket = text.matches("\\d{1,18}") ? byId(account, Long.parseLong(text))
                : byNumber(account, text);
        run.wrote(Streams.name(HelpdeskEntity.TICKETS), 1,
                Streams.upsert(writer, account.accountId(), HelpdeskEntity.TICKETS, List.of(ticket)), true);
        polling.readChildren(account, run, List.of(ticket.externalId()));
    }

    private static HelpdeskRecord byId(ConnectedAccount account, long ticketId) {
        RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(),
                new RecordQuery(HelpdeskEntity.TICKETS, null, ticketId - 1, ticketId, List.of()));
        return page.records().stream().filter(r -> r.externalId() == ticketId).findFirst()
                .orElseThrow(() -> new TicketNotFound("The helpdesk has no ticket with id " + ticketId + "."));
    }

    private static HelpdeskRecord byNumber(ConnectedAccount account, String number) {
        return account.reader().ticketByNumber(account.credentials(), number).orElseThrow(() -> new TicketNotFound(
                "The helpdesk has no ticket with the number \"" + number + "\"."));
    }

    /** The ticket asked for does not exist in the PSA (under that id or number). */
    static final class TicketNotFound extends RuntimeException {
        TicketNotFound(String message) {
            super(message);
        }
    }
}
