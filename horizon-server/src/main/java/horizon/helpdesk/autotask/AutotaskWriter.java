package horizon.helpdesk.autotask;

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
 * Autotask's write-back: hands each write to the class that sends it. Every request goes through {@link AutotaskApi}
 * and its rate gate; nothing is retried here (the outbox decides).
 */
@Component
class AutotaskWriter implements HelpdeskWriter {

    private static final Logger log = LoggerFactory.getLogger(AutotaskWriter.class);

    private final AutotaskPicklistCache picklists;
    private final AutotaskReadBack readBack;
    private final AutotaskAssign assign;
    private final AutotaskStatusChange statusChange;
    private final AutotaskNoteCreate noteCreate;
    private final AutotaskTimeEntryCreate timeEntryCreate;
    private final AutotaskTicketCreate ticketCreate;

    AutotaskWriter(AutotaskApi api, AutotaskReader reader, Clock clock) {
        this.picklists = new AutotaskPicklistCache(reader, clock);
        this.readBack = new AutotaskReadBack(api);
        AutotaskDefaultRole defaultRole = new AutotaskDefaultRole(api);
        this.assign = new AutotaskAssign(api, defaultRole, readBack);
        this.statusChange = new AutotaskStatusChange(api, readBack);
        this.noteCreate = new AutotaskNoteCreate(api, picklists, readBack);
        this.timeEntryCreate = new AutotaskTimeEntryCreate(api, defaultRole, readBack);
        this.ticketCreate = new AutotaskTicketCreate(api, picklists, readBack, clock);
    }

    // Java 17 has no pattern switch; the sealed HelpdeskWrite keeps this list to its four kinds.
    @Override
    public HelpdeskRecord send(HelpdeskCredentials credentials, HelpdeskWrite write) {
        HelpdeskRecord written;
        if (write instanceof HelpdeskWrite.Assign assigning) {
            written = assign.send(credentials, assigning);
        } else if (write instanceof HelpdeskWrite.ChangeStatus changing) {
            written = statusChange.send(credentials, changing);
        } else if (write instanceof HelpdeskWrite.AddNote adding) {
            written = noteCreate.send(credentials, adding);
        } else if (write instanceof HelpdeskWrite.LogTime logging) {
            written = timeEntryCreate.send(credentials, logging);
        } else {
            throw new IllegalArgumentException("Autotask cannot send " + write.getClass().getSimpleName());
        }
        log.info("autotask write={} ticket={} as resource={} record={}", write.getClass().getSimpleName(),
                write.ticketId(), write.author().resourceId(), written.externalId());
        return written;
    }

    @Override
    public Optional<HelpdeskRecord> findCreated(HelpdeskCredentials credentials, HelpdeskWrite.Create write,
                                                Instant since, Set<Long> taken) {
        Optional<? extends HelpdeskRecord> found;
        if (write instanceof HelpdeskWrite.AddNote adding) {
            found = noteCreate.find(credentials, adding, since, taken);
        } else if (write instanceof HelpdeskWrite.LogTime logging) {
            found = timeEntryCreate.find(credentials, logging, since, taken);
        } else {
            throw new IllegalArgumentException("Autotask cannot look for " + write.getClass().getSimpleName());
        }
        log.info("autotask find write={} ticket={} as resource={} since={} found={}", write.getClass().getSimpleName(),
                write.ticketId(), write.author().resourceId(), since,
                found.map(r -> Long.toString(r.externalId())).orElse("none"));
        return found.map(HelpdeskRecord.class::cast);
    }

    @Override
    public Optional<HelpdeskTicket> ticket(HelpdeskCredentials credentials, long ticketId) {
        return readBack.ticket(credentials, ticketId);
    }

    /** Autotask's "Complete" (the system value 5), read by label; the ticket does not matter in Autotask. */
    @Override
    public String completeStatus(HelpdeskCredentials credentials, HelpdeskTicket ticket) {
        return picklists.code(credentials, AutotaskCollection.TICKETS, "status", "Complete");
    }

    @Override
    public HelpdeskTicket createTicket(HelpdeskCredentials credentials, String title, String description) {
        HelpdeskTicket created = ticketCreate.send(credentials, title, description);
        log.info("autotask created test ticket={} number={}", created.externalId(), created.number());
        return created;
    }
}
