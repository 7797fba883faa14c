package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes back to ConnectWise: hands each write to its own class ({@link ConnectWiseAssign},
 * {@link ConnectWiseStatusChange}, {@link ConnectWiseNoteCreate}, {@link ConnectWiseTimeEntryCreate}; the smoke test's
 * {@link ConnectWiseTicketCreate} and {@link ConnectWiseCompleteStatus}), every request through {@link ConnectWiseApi}
 * and its rate gate; nothing is retried here.
 */
@Component
class ConnectWiseWriter implements HelpdeskWriter {

    private static final Logger log = LoggerFactory.getLogger(ConnectWiseWriter.class);

    private final ConnectWiseReader reader;
    private final ConnectWiseAssign assign;
    private final ConnectWiseStatusChange statusChange;
    private final ConnectWiseNoteCreate noteCreate;
    private final ConnectWiseTimeEntryCreate timeEntryCreate;
    private final ConnectWiseTicketCreate ticketCreate;
    private final ConnectWiseCompleteStatus completeStatus;

    ConnectWiseWriter(ConnectWiseApi api, ConnectWiseReader reader, Clock clock) {
        this.reader = reader;
        this.assign = new ConnectWiseAssign(api);
        this.statusChange = new ConnectWiseStatusChange(api);
        this.noteCreate = new ConnectWiseNoteCreate(api);
        this.timeEntryCreate = new ConnectWiseTimeEntryCreate(api);
        this.ticketCreate = new ConnectWiseTicketCreate(api);
        this.completeStatus = new ConnectWiseCompleteStatus(api, clock);
    }

    @Override
    public HelpdeskTicket assign(HelpdeskCredentials credentials, HelpdeskWrite.Assign write) {
        return assign.send(credentials, write);
    }

    @Override
    public HelpdeskTicket changeStatus(HelpdeskCredentials credentials, HelpdeskWrite.ChangeStatus write) {
        return statusChange.send(credentials, write);
    }

    @Override
    public HelpdeskNote addNote(HelpdeskCredentials credentials, HelpdeskWrite.AddNote write) {
        return noteCreate.send(credentials, write);
    }

    @Override
    public HelpdeskTimeEntry logTime(HelpdeskCredentials credentials, HelpdeskWrite.LogTime write) {
        return timeEntryCreate.send(credentials, write);
    }

    @Override
    public Optional<HelpdeskNote> findNote(HelpdeskCredentials credentials, HelpdeskWrite.AddNote write, Instant since,
                                           Set<Long> taken) {
        return noteCreate.find(credentials, write, since, taken);
    }

    @Override
    public Optional<HelpdeskTimeEntry> findTimeEntry(HelpdeskCredentials credentials, HelpdeskWrite.LogTime write,
                                                     Instant since, Set<Long> taken) {
        return timeEntryCreate.find(credentials, write, since, taken);
    }

    /** One GET of {@code service/tickets/{id}}, as the reader looks a ticket up by its number (the id). */
    @Override
    public Optional<HelpdeskTicket> ticket(HelpdeskCredentials credentials, long ticketId) {
        return reader.ticketByNumber(credentials, String.valueOf(ticketId));
    }

    @Override
    public String completeStatus(HelpdeskCredentials credentials, HelpdeskTicket ticket) {
        return completeStatus.of(credentials, ticket);
    }

    @Override
    public HelpdeskTicket createTicket(HelpdeskCredentials credentials, String title, String description) {
        HelpdeskTicket ticket = ticketCreate.send(credentials, title, description);
        log.info("connectwise test ticket created id={} board={} company={}", ticket.externalId(), ticket.queueId(),
                ticket.companyId());
        return ticket;
    }
}
