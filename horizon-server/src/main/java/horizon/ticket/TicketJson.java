package horizon.ticket;

import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The JSON shapes of the ticket API. Picklist codes are strings, as in {@code /api/v1/picklists}. */
final class TicketJson {

    private TicketJson() {
    }

    /** A ticket in a list: its typed fields, without the PSA's raw JSON. */
    record Summary(long id, String number, String title, String status, String priority, Long queueId,
                   String issueType, String subIssueType, String source, String ticketType, Long companyId,
                   Long contactId, Long assigneeResourceId, Long assigneeRoleId, Instant dueAt, Instant createdAt,
                   Instant completedAt, Instant lastActivityAt, Instant updatedAt) {
        static Summary of(HelpdeskTicket t) {
            return new Summary(t.externalId(), t.number(), t.title(), t.status(), t.priority(), t.queueId(),
                    t.issueType(), t.subIssueType(), t.source(), t.ticketType(), t.companyId(), t.contactId(),
                    t.assigneeResourceId(), t.assigneeRoleId(), t.dueAt(), t.createdAt(), t.completedAt(),
                    t.lastActivityAt(), t.remoteUpdatedAt());
        }
    }

    /** One page of tickets; {@code next} is the link to the following page, {@code null} on the last. */
    record Page(List<Summary> items, String next) {
    }

    /** A ticket with its description, notes, time entries and the PSA's JSON as received. */
    record Detail(long id, String number, String title, String description, String status, String priority,
                  Long queueId, String issueType, String subIssueType, String source, String ticketType,
                  Long companyId, Long contactId, Long assigneeResourceId, Long assigneeRoleId, Instant dueAt,
                  Instant createdAt, Instant completedAt, Instant lastActivityAt, Instant updatedAt,
                  List<Note> notes, List<TimeEntry> timeEntries, JsonNode raw) {
        static Detail of(HelpdeskTicket t, List<Note> notes, List<TimeEntry> timeEntries, JsonNode raw) {
            return new Detail(t.externalId(), t.number(), t.title(), t.description(), t.status(), t.priority(),
                    t.queueId(), t.issueType(), t.subIssueType(), t.source(), t.ticketType(), t.companyId(),
                    t.contactId(), t.assigneeResourceId(), t.assigneeRoleId(), t.dueAt(), t.createdAt(),
                    t.completedAt(), t.lastActivityAt(), t.remoteUpdatedAt(), notes, timeEntries, raw);
        }
    }

    /** A note in the ticket's thread. */
    record Note(long id, String title, String description, String noteType, String publish, Long creatorResourceId,
                Instant createdAt, Instant lastActivityAt) {
        static Note of(HelpdeskNote n) {
            return new Note(n.externalId(), n.title(), n.description(), n.noteType(), n.publish(),
                    n.creatorResourceId(), n.createdAt(), n.lastActivityAt());
        }
    }

    /** Time logged on the ticket. */
    record TimeEntry(long id, Long resourceId, Long roleId, LocalDate dateWorked, Instant startAt, Instant endAt,
                     BigDecimal hoursWorked, String summaryNotes, String internalNotes, boolean billable,
                     Instant createdAt, Instant lastModifiedAt) {
        static TimeEntry of(HelpdeskTimeEntry e) {
            return new TimeEntry(e.externalId(), e.resourceId(), e.roleId(), e.dateWorked(), e.startAt(), e.endAt(),
                    e.hoursWorked(), e.summaryNotes(), e.internalNotes(), e.billable(), e.createdAt(),
                    e.lastModifiedAt());
        }
    }
}
