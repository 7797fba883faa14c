package horizon.ticket;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Small builders of mirror records for the API, mapping and picklist tests; every field a test does not name is plain.
 * An interface so that test selectors like {@code horizon.ticket.**} do not mistake it for a test class.
 */
public interface MirrorSeed {

    Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    static HelpdeskTicket ticket(long id, String title, String status, Long queue, Long assignee,
                                 Instant updated) {
        return new HelpdeskTicket(id, "T20261120." + id, title, "Description of " + title, status, "2", queue, "7",
                null, "4", "1", 0L, null, assignee, null, null, T0, null, updated, updated,
                "{\"id\":" + id + ",\"title\":\"" + title + "\",\"status\":" + status + "}");
    }

    static HelpdeskNote note(long id, long ticketId, String text, Instant created) {
        return new HelpdeskNote(id, ticketId, "Note " + id, text, "1", "1", 29682885L, created, created, created,
                "{\"id\":" + id + "}");
    }

    static HelpdeskTimeEntry timeEntry(long id, long ticketId, String hours) {
        Instant at = T0.plusSeconds(id);
        return new HelpdeskTimeEntry(id, ticketId, 29682885L, 29683461L, LocalDate.of(2026, 11, 20), null, null,
                new BigDecimal(hours), "Worked on it", "internal", true, at, at, at, "{\"id\":" + id + "}");
    }

    static HelpdeskCompany company(long id, String name) {
        return new HelpdeskCompany(id, name, "1", "555-0100", true, null, T0, T0, "{\"id\":" + id + "}");
    }

    static HelpdeskContact contact(long id, long companyId, String first, String last, String email) {
        return new HelpdeskContact(id, companyId, first, last, email, null, true, T0, T0, T0, "{\"id\":" + id + "}");
    }

    static HelpdeskUser helpdeskUser(long id, String first, String last, String email, boolean active) {
        return new HelpdeskUser(id, (first + "." + last).toLowerCase(), first, last, email, active, "1", "1",
                List.of(new HelpdeskUser.Role(29683461L, 29682833L, true)), null, "{\"id\":" + id + "}");
    }

    static PicklistValue value(String entity, String field, String code, String label, boolean active,
                               boolean isDefault, int sort, String parent) {
        return new PicklistValue(entity, field, code, label, active, isDefault, sort, parent);
    }
}
