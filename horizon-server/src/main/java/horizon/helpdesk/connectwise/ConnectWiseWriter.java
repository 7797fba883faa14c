package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
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

    // Java 17 has no pattern switch (a preview until 21): the chain covers the sealed HelpdeskWrite in its order
    @Override
    public HelpdeskRecord send(HelpdeskCredentials credentials, HelpdeskWrite write) {
        HelpdeskRecord record;
        if (write instanceof HelpdeskWrite.Assign a) {
            record = assign.send(credentials, a);
        } else if (write instanceof HelpdeskWrite.ChangeStatus change) {
            record = statusChange.send(credentials, change);
        } else if (write instanceof HelpdeskWrite.AddNote note) {
            record = noteCreate.send(credentials, note);
        } else if (write instanceof HelpdeskWrite.LogTime time) {
            record = timeEntryCreate.send(credentials, time);
        } else {
            throw new IllegalArgumentException("no ConnectWise write for " + write.getClass().getSimpleName());
        }
        log.info("connectwise write {} ticket={} id={} author={}", write.getClass().getSimpleName(),
                write.ticketId(), record.externalId(), write.author().resourceId());
        return record;
    }

    @Override
    public Optional<HelpdeskRecord> findCreated(HelpdeskCredentials credentials, HelpdeskWrite.Create write,
                                                Instant since, Set<Long> taken) {
        Optional<? extends HelpdeskRecord> found;
        if (write instanceof HelpdeskWrite.AddNote note) {
            found = noteCreate.find(credentials, note, since, taken);
        } else if (write instanceof HelpdeskWrite.LogTime time) {
            found = timeEntryCreate.find(credentials, time, since, taken);
        } else {
            throw new IllegalArgumentException("no ConnectWise create for " + write.getClass().getSimpleName());
        }
        log.info("connectwise find {} ticket={} since={} found={}", write.getClass().getSimpleName(),
                write.ticketId(), since, found.map(HelpdeskRecord::externalId).orElse(null));
        return found.map(HelpdeskRecord.class::cast);
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
