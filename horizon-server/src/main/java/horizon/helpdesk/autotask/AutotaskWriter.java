package horizon.helpdesk.autotask;

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
        AutotaskDefaultRole defaultRole = new AutotaskDefaultRole(api, clock);
        this.assign = new AutotaskAssign(api, defaultRole, readBack);
        this.statusChange = new AutotaskStatusChange(api, readBack);
        this.noteCreate = new AutotaskNoteCreate(api, picklists, readBack);
        this.timeEntryCreate = new AutotaskTimeEntryCreate(api, defaultRole, readBack);
        this.ticketCreate = new AutotaskTicketCreate(api, picklists, readBack, clock);
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
