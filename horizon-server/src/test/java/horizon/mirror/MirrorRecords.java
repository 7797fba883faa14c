package horizon.mirror;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Fixed PSA-neutral records for the mirror's tests; the raw JSON mirrors the typed fields like a PSA's would. */
final class MirrorRecords {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00.123Z");

    private MirrorRecords() {
    }

    static Instant minutes(long n) {
        return T0.plusSeconds(60 * n);
    }

    static HelpdeskTicket ticket(long id, String status, Instant updated) {
        return ticket(id, status, 29682833L, 30000L + id % 3, updated);
    }

    static HelpdeskTicket ticket(long id, String status, Long queueId, Long assignee, Instant updated) {
        String json = "{\"id\":" + id + ",\"status\":" + status + ",\"queueID\":" + queueId
                + ",\"assignedResourceID\":" + assignee + ",\"lastActivityDate\":\"" + updated + "\"}";
        return new HelpdeskTicket(id, "T20261120." + String.format("%04d", id), "Printer down #" + id,
                "Line one\nline two of ticket " + id, status, "2", queueId, "12", "124", "4", "1", 500L + id % 5,
                700L + id % 7, assignee, 29683354L, minutes(60 * 24), T0.minusSeconds(3600), null, updated, updated,
                json);
    }

    static HelpdeskTicket retitled(HelpdeskTicket t, String title, Instant updated) {
        return new HelpdeskTicket(t.externalId(), t.number(), title, t.description(), t.status(), t.priority(),
                t.queueId(), t.issueType(), t.subIssueType(), t.source(), t.ticketType(), t.companyId(), t.contactId(),
                t.assigneeResourceId(), t.assigneeRoleId(), t.dueAt(), t.createdAt(), t.completedAt(), updated, updated,
                "{\"id\":" + t.externalId() + ",\"title\":\"" + title + "\",\"lastActivityDate\":\"" + updated + "\"}");
    }

    static HelpdeskNote note(long id, long ticketId, Instant created) {
        return new HelpdeskNote(id, ticketId, "Note " + id, "Called the customer about " + ticketId, "1", "1",
                30001L, created, created, created, "{\"id\":" + id + ",\"ticketID\":" + ticketId + "}");
    }

    static HelpdeskTimeEntry timeEntry(long id, long ticketId, LocalDate worked, String hours) {
        Instant start = worked.atTime(14, 0).toInstant(ZoneOffset.UTC);
        BigDecimal hoursWorked = new BigDecimal(hours);
        return new HelpdeskTimeEntry(id, ticketId, 30001L, 29683354L, worked, start,
                start.plusSeconds(hoursWorked.multiply(BigDecimal.valueOf(3600)).longValue()), hoursWorked,
                "Replaced toner",
                "internal: used stock", true, start, start.plusSeconds(7200), start.plusSeconds(7200),
                "{\"id\":" + id + ",\"ticketID\":" + ticketId + ",\"hoursWorked\":" + hours + "}");
    }

    static HelpdeskCompany company(long id, String name, Instant updated) {
        return new HelpdeskCompany(id, name, "1", "+1 555 0100", true, 30001L, updated, updated,
                "{\"id\":" + id + ",\"companyName\":\"" + name + "\"}");
    }

    static HelpdeskContact contact(long id, long companyId, String first, String last, Instant updated) {
        return new HelpdeskContact(id, companyId, first, last, first.toLowerCase() + "@example.test", "+1 555 0101",
                true, updated, updated, updated, "{\"id\":" + id + ",\"companyID\":" + companyId + "}");
    }

    static HelpdeskUser user(long id, String first, String last, boolean active, List<HelpdeskUser.Role> roles) {
        return new HelpdeskUser(id, first.toLowerCase(), first, last, first.toLowerCase() + "@msp.test", active,
                "1", "1", roles, null, "{\"id\":" + id + ",\"userName\":\"" + first.toLowerCase() + "\"}");
    }
}
