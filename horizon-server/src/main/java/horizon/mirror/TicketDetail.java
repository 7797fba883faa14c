package horizon.mirror;

import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import java.util.List;

/**
 * A live ticket with its live notes (oldest first) and time entries (by date worked), as the ticket page shows it.
 *
 * @param ticket      the ticket
 * @param notes       its notes
 * @param timeEntries its time entries
 */
public record TicketDetail(HelpdeskTicket ticket, List<HelpdeskNote> notes, List<HelpdeskTimeEntry> timeEntries) {

    public TicketDetail {
        notes = List.copyOf(notes);
        timeEntries = List.copyOf(timeEntries);
    }
}
