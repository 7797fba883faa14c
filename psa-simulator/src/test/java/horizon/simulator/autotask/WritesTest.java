package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WritesTest {
    static AutotaskSimulator sim;
    static ApiClient api;
    static SimulatorControl control;
    static long company;
    static long tech;
    static long techRole;

    @BeforeAll
    static void start() {
        sim = AutotaskSimulator.start(SimulatorOptions.defaults());
        api = ApiClient.of(sim.apiUser());
        control = sim.control();
        company = api.post("V1.0/Companies/query", Map.of("filter", List.of(Map.of("op", "gt", "field", "id", "value", 0)),
                "MaxRecords", 1)).json().get("items").get(0).get("id").asLong();
        tech = control.technicians().get(1);
        techRole = api.post("V1.0/ResourceRoles/query", Map.of("filter", List.of(Map.of("op", "eq", "field", "resourceID", "value", tech))))
                .json().get("items").get(0).get("roleID").asLong();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static Map<String, Object> newTicket() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("companyID", company);
        t.put("title", "Created through the API");
        t.put("status", control.picklistCode("Tickets", "status", "New"));
        t.put("priority", control.picklistCode("Tickets", "priority", "High"));
        t.put("queueID", control.picklistCode("Tickets", "queueID", "Level I Support"));
        t.put("dueDateTime", "2030-01-01T10:00:00Z");
        return t;
    }

    static JsonNode ticket(long id) {
        return api.get("V1.0/Tickets/" + id).json().get("item");
    }

    @Test
    void createPatchAndPutATicket() {
        var created = api.post("V1.0/Tickets", newTicket());
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        long id = created.json().get("itemId").asLong();
        JsonNode t = ticket(id);
        assertThat(t.get("title").asString()).isEqualTo("Created through the API");
        assertThat(t.get("ticketNumber").asString()).startsWith("T");
        assertThat(t.get("creatorResourceID").asLong()).isEqualTo(sim.apiUser().resourceId());
        assertThat(t.get("createDate").asString()).endsWith("Z");

        var patched = api.patch("V1.0/Tickets", Map.of("id", id, "title", "Patched", "assignedResourceID", tech,
                "assignedResourceRoleID", techRole));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.json().get("itemId").asLong()).isEqualTo(id);
        t = ticket(id);
        assertThat(t.get("title").asString()).isEqualTo("Patched");
        assertThat(t.get("priority").asLong()).isEqualTo(control.picklistCode("Tickets", "priority", "High"));
        assertThat(t.get("assignedResourceID").asLong()).isEqualTo(tech);

        Map<String, Object> replace = newTicket();
        replace.put("id", id);
        replace.put("title", "Replaced");
        var put = api.put("V1.0/Tickets", replace);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        t = ticket(id);
        assertThat(t.get("title").asString()).isEqualTo("Replaced");
        assertThat(t.get("assignedResourceID").isNull()).as("PUT nulls omitted writable fields").isTrue();
        assertThat(t.get("ticketNumber").isNull()).as("server fields survive PUT").isFalse();
    }

    @Test
    void completingSetsCompletedDate() {
        long id = api.post("V1.0/Tickets", newTicket()).json().get("itemId").asLong();
        api.patch("V1.0/Tickets", Map.of("id", id, "status", 5));
        assertThat(ticket(id).get("completedDate").isNull()).isFalse();
    }

    @Test
    void businessRulesAnswer500WithAMessage() {
        Map<String, Object> onlyResource = newTicket();
        onlyResource.put("assignedResourceID", tech);
        var r = api.post("V1.0/Tickets", onlyResource);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.firstError()).isEqualTo(
                "When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.");

        Map<String, Object> apiUserAssignee = newTicket();
        apiUserAssignee.put("assignedResourceID", sim.apiUser().resourceId());
        apiUserAssignee.put("assignedResourceRoleID", techRole);
        var apiOnly = api.post("V1.0/Tickets", apiUserAssignee);
        assertThat(apiOnly.status()).isEqualTo(500);
        assertThat(apiOnly.firstError()).contains("API User (API-only)");

        Map<String, Object> missingTitle = newTicket();
        missingTitle.remove("title");
        assertThat(api.post("V1.0/Tickets", missingTitle).status()).isEqualTo(500);

        Map<String, Object> inactiveStatus = newTicket();
        inactiveStatus.put("status", control.picklistCode("Tickets", "status", "On Hold"));
        assertThat(api.post("V1.0/Tickets", inactiveStatus).firstError()).contains("picklist");
    }

    @Test
    void childrenAreWrittenOnlyUnderTheirParentAndMoveLastActivityDate() throws InterruptedException {
        long id = api.post("V1.0/Tickets", newTicket()).json().get("itemId").asLong();
        String before = ticket(id).get("lastActivityDate").asString();
        Map<String, Object> note = Map.of("title", "Note", "description", "Café & <b>bold</b>",
                "noteType", control.picklistCode("TicketNotes", "noteType", "Task Detail"),
                "publish", control.picklistCode("TicketNotes", "publish", "All Autotask Users"));
        assertThat(api.post("V1.0/TicketNotes", note).status()).isEqualTo(404);
        Thread.sleep(5);
        var created = api.post("V1.0/Tickets/" + id + "/Notes", note);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        long noteId = created.json().get("itemId").asLong();
        var read = api.get("V1.0/Tickets/" + id + "/Notes/" + noteId).json().get("item");
        assertThat(read.get("ticketID").asLong()).isEqualTo(id);
        assertThat(read.get("description").asString()).isEqualTo("Café & <b>bold</b>");
        assertThat(Instant.parse(ticket(id).get("lastActivityDate").asString())).isAfter(Instant.parse(before));
        assertThat(api.get("V1.0/Tickets/" + id + "/Notes").json().get("items").size()).isEqualTo(1);

        var contact = api.post("V1.0/Companies/" + company + "/Contacts", Map.of("firstName", "Zoë", "lastName", "Ã–ster"));
        assertThat(contact.status()).as(contact.text()).isEqualTo(200);
        JsonNode c = api.get("V1.0/Contacts/" + contact.json().get("itemId").asLong()).json().get("item");
        assertThat(c.get("isActive").isIntegralNumber()).isTrue();
        assertThat(c.get("companyID").asLong()).isEqualTo(company);
        assertThat(api.post("V1.0/Contacts", Map.of("firstName", "a", "lastName", "b", "companyID", company)).status()).isEqualTo(404);
    }

    @Test
    void timeEntryRules() {
        long id = api.post("V1.0/Tickets", newTicket()).json().get("itemId").asLong();
        Map<String, Object> entry = new HashMap<>();
        entry.put("ticketID", id);
        entry.put("resourceID", tech);
        entry.put("roleID", techRole);
        entry.put("dateWorked", "2026-11-20");
        entry.put("hoursWorked", 1.5);
        var noSummary = api.post("V1.0/TimeEntries", entry);
        assertThat(noSummary.status()).isEqualTo(500);
        assertThat(noSummary.firstError()).contains("summaryNotes");
        entry.put("summaryNotes", "Fixed it");
        entry.put("hoursWorked", 25);
        assertThat(api.post("V1.0/TimeEntries", entry).firstError()).contains("hoursWorked");
        entry.put("hoursWorked", 0);
        assertThat(api.post("V1.0/TimeEntries", entry).status()).isEqualTo(500);
        entry.put("hoursWorked", 1.5);
        entry.put("resourceID", sim.apiUser().resourceId());
        assertThat(api.post("V1.0/TimeEntries", entry).firstError()).contains("API User (API-only)");
        entry.put("resourceID", tech);
        entry.remove("dateWorked");
        entry.remove("hoursWorked");
        entry.put("startDateTime", "2026-11-20T09:00:00.0000000");
        entry.put("endDateTime", "2026-11-20T10:30:00Z");
        var ok = api.post("V1.0/TimeEntries", entry);
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        long entryId = ok.json().get("itemId").asLong();
        Map<String, Object> byTicket = Map.of("filter", List.of(Map.of("op", "in", "field", "ticketID",
                "value", List.of(id))));
        assertThat(api.post("V1.0/TimeEntries/query", byTicket).json().get("items").get(0).get("id").asLong())
                .isEqualTo(entryId);
        JsonNode read = api.get("V1.0/TimeEntries/" + entryId).json().get("item");
        assertThat(read.get("hoursWorked").asDouble()).isEqualTo(1.5);
        assertThat(read.get("dateWorked").asString()).isEqualTo("2026-11-20T00:00:00.000Z");
        assertThat(read.get("lastModifiedDateTime").isNull()).isFalse();

        var deleted = api.delete("V1.0/TimeEntries/" + entryId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(api.get("V1.0/TimeEntries/" + entryId).json().get("item").isNull()).isTrue();
        assertThat(api.post("V1.0/TimeEntries/query", byTicket).json().get("items")).isEmpty();
        var log = api.post("V1.0/DeletedTicketActivityLogs/query", Map.of("filter", List.of(Map.of("op", "eq", "field", "ticketID", "value", id))));
        assertThat(log.json().get("items").size()).isEqualTo(1);
        assertThat(log.json().get("items").get(0).get("hoursWorked").asDouble()).isEqualTo(1.5);
        var again = api.delete("V1.0/TimeEntries/" + entryId);
        assertThat(again.status()).isEqualTo(500);
        assertThat(again.firstError()).startsWith("No message. No matching records found.");
    }

    @Test
    void noDeleteForTicketsAndCompanies() {
        long id = api.post("V1.0/Tickets", newTicket()).json().get("itemId").asLong();
        assertThat(api.delete("V1.0/Tickets/" + id).status()).isEqualTo(405);
        assertThat(api.delete("V1.0/Companies/" + company).status()).isEqualTo(405);
        assertThat(ticket(id)).isNotNull();
    }

    @Test
    void deletingATicketThroughTheControlLeavesALogRow() {
        long id = control.createTicket(Map.of("title", "to delete"));
        control.deleteTicket(id);
        assertThat(ticket(id).isNull()).isTrue();
        var log = api.post("V1.0/DeletedTicketLogs/query", Map.of("filter", List.of(Map.of("op", "eq", "field", "ticketID", "value", id))));
        JsonNode row = log.json().get("items").get(0);
        assertThat(row.get("ticketTitle").asString()).isEqualTo("to delete");
        assertThat(row.get("deletedDateTime").isNull()).isFalse();
        assertThat(api.post("V1.0/DeletedTicketLogs", Map.of("ticketID", 1)).status()).isEqualTo(405);
    }
}
