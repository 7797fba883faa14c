package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Instant;
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
    private final ComparingChildren children;
    private final Clock clock;

    SyncingOneTicket(MirrorWriter writer, ComparingChildren children, Clock clock) {
        this.writer = writer;
        this.children = children;
        this.clock = clock;
    }

    /** Syncs the ticket; throws {@link TicketNotFound} with a message for the admin when there is none. */
    void run(ConnectedAccount account, RunLog run, String numberOrId) {
        String text = numberOrId == null ? "" : numberOrId.strip();
        Instant askedAt = clock.instant();
        HelpdeskRecord ticket = text.matches("\\d{1,18}") ? byId(account, Long.parseLong(text))
                : byNumber(account, text);
        run.wrote(Streams.name(HelpdeskEntity.TICKETS), 1,
                Streams.upsert(writer, account.accountId(), HelpdeskEntity.TICKETS, List.of(ticket), askedAt), true);
        // Read to the end and compared, so notes and time entries deleted in the PSA go from the mirror too.
        Instant listedAt = clock.instant();
        for (HelpdeskEntity child : List.of(HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES)) {
            children.compare(account, run, child, List.of(ticket.externalId()), ticketId -> listedAt);
        }
        if (ticket.remoteUpdatedAt() != null) {
            writer.childrenRead(account.accountId(), java.util.Map.of(ticket.externalId(), ticket.remoteUpdatedAt()));
        }
    }

    /** By id: an id range of one where the PSA reads ranges, else the PSA's own lookup by number (which is the id). */
    private static HelpdeskRecord byId(ConnectedAccount account, long ticketId) {
        if (!account.reader().capabilities().idRanges()) {
            return byNumber(account, Long.toString(ticketId));
        }
        RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(),
                RecordQuery.all(HelpdeskEntity.TICKETS).inIds(ticketId - 1, ticketId));
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
