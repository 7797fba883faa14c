package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.connectwise.store.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH as operations, POST of notes and time entries, PUT and DELETE, with ConnectWise's rules and error bodies. */
class WritesTest {
    private static ConnectWiseSimulator sim;
    private static CwClient api;
    private static long board;

    @BeforeAll
    static void start() {
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(4, 12, 4, 40, 2)));
        api = CwClient.of(sim);
        board = api.get("service/boards?conditions=name%3D%22Help%20Desk%22").json().get(0).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static long newTicket() {
        CwClient.Response created = api.post("service/tickets", Map.of("summary", "Printer jam",
                "company", Map.of("id", firstClientCompany()), "board", Map.of("id", board)));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static long firstClientCompany() {
        return api.get("company/companies?pageSize=2").json().get(1).get("id").asLong();
    }

    private static long technician() {
        return sim.control().technicians().get(1);
    }

    @Test
    void createdTicketsStartInTheBoardsDefaultStatusWithServerFields() {
        long id = newTicket();
        JsonNode ticket = api.get("service/tickets/" + id).json();
        assertThat(ticket.get("status").get("name").asString()).isEqualTo("New");
        assertThat(ticket.get("priority").get("name").asString()).isEqualTo("Priority 3 - Normal Response");
        assertThat(ticket.get("closedFlag").asBoolean()).isFalse();
        assertThat(ticket.get("_info").get("enteredBy").asString()).isEqualTo("HorizonAPI");
        assertThat(ticket.get("recordType").asString()).isEqualTo("ServiceTicket");

        CwClient.Response missing = api.post("service/tickets", Map.of("summary", "no company"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asString()).isEqualTo("InvalidObject");
        assertThat(missing.json().get("message").asString()).isEqualTo("ticket object is invalid");
        JsonNode error = missing.json().get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo("MissingRequiredField");
        assertThat(error.get("resource").asString()).isEqualTo("ticket");
        assertThat(error.get("field").asString()).isEqualTo("company");
    }

    @Test
    void patchReplacesStatusAndOwnerAsWholeReferencesAndClosesTheTicket() {
        long id = newTicket();
        long completed = sim.control().statusId(board, "Completed");
        String owner = sim.control().get(Kind.MEMBERS, technician()).orElseThrow().get("identifier").asString();
        CwClient.Response patched = api.patch("service/tickets/" + id, List.of(
                Map.of("op", "replace", "path", "status", "value", Map.of("id", completed)),
                Map.of("op", "replace", "path", "/owner", "value", Map.of("identifier", owner)),
                Map.of("op", "replace", "path", "summary", "value", "Printer jam (fixed)")));
        assertThat(patched.status()).isEqualTo(200);
        JsonNode ticket = patched.json();
        assertThat(ticket.get("status").get("id").asLong()).isEqualTo(completed);
        assertThat(ticket.get("owner").get("identifier").asString()).isEqualTo(owner);
        assertThat(ticket.get("closedFlag").asBoolean()).isTrue();
        assertThat(ticket.get("closedBy").asString()).isEqualTo("HorizonAPI");
        assertThat(ticket.get("resources").asString()).isEqualTo(owner);
        assertThat(api.get("service/tickets/" + id).json()).isEqualTo(ticket);

        CwClient.Response reopened = api.patch("service/tickets/" + id, List.of(Map.of("op", "replace",
                "path", "status", "value", Map.of("name", "In Progress"))));
        assertThat(reopened.json().get("closedFlag").asBoolean()).isFalse();
        assertThat(reopened.json().has("closedDate")).isFalse();
    }

    @Test
    void patchPathRulesMatchConnectWise() {
        long id = newTicket();
        JsonNode before = api.get("service/tickets/" + id).json();
        // a path into a reference: ConnectWise answers 200 and changes nothing
        CwClient.Response falseOk = api.patch("service/tickets/" + id, List.of(Map.of("op", "replace",
                "path", "company/identifier", "value", "SomethingElse")));
        assertThat(falseOk.status()).isEqualTo(200);
        assertThat(falseOk.json().get("company")).isEqualTo(before.get("company"));
        // paths are case-sensitive
        CwClient.Response miscased = api.patch("service/tickets/" + id, List.of(Map.of("op", "replace",
                "path", "Summary", "value", "x")));
        assertThat(miscased.status()).isEqualTo(400);
        assertThat(miscased.json().get("errors").get(0).get("field").asString()).isEqualTo("Summary");
        // custom fields only as the whole array
        assertThat(api.patch("service/tickets/" + id, List.of(Map.of("op", "replace", "path", "customFields/0/value",
                "value", "x"))).status()).isEqualTo(400);
        List<Map<String, Object>> custom = List.of(Map.of("id", 2, "caption", "Customer Impact", "type", "Text",
                "entryMethod", "EntryField", "numberOfDecimals", 0, "value", "Everyone"));
        CwClient.Response whole = api.patch("service/tickets/" + id, List.of(Map.of("op", "replace",
                "path", "customFields", "value", custom)));
        assertThat(whole.json().get("customFields").get(0).get("value").asString()).isEqualTo("Everyone");
        // remove, read-only fields, a status of another board, not an array
        assertThat(api.patch("service/tickets/" + id, List.of(Map.of("op", "remove", "path", "contact")))
                .json().has("contact")).isFalse();
        assertThat(api.patch("service/tickets/" + id, List.of(Map.of("op", "replace", "path", "id", "value", 1)))
                .status()).isEqualTo(400);
        long otherBoardStatus = sim.control().records(Kind.BOARD_STATUSES).stream()
                .filter(s -> s.get("board").get("id").asLong() != board).findFirst().orElseThrow().get("id").asLong();
        CwClient.Response wrongBoard = api.patch("service/tickets/" + id, List.of(Map.of("op", "replace",
                "path", "status", "value", Map.of("id", otherBoardStatus))));
        assertThat(wrongBoard.status()).isEqualTo(400);
        assertThat(wrongBoard.json().get("errors").get(0).get("message").asString()).contains("board " + board);
        assertThat(api.patch("service/tickets/" + id, Map.of("summary", "x")).status()).isEqualTo(400);
    }

    @Test
    void notesTurnNewlinesIntoSpacesNeedAFlagAndUpdateTheirTicket() {
        long id = newTicket();
        String updatedBefore = api.get("service/tickets/" + id).json().get("_info").get("lastUpdated").asString();
        CwClient.Response note = api.post("service/tickets/" + id + "/notes", Map.of("text",
                "line one\nline two\r\nthree\ttab", "internalAnalysisFlag", true));
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.json().get("text").asString()).isEqualTo("line one line two  three\ttab");
        assertThat(note.json().get("ticketId").asLong()).isEqualTo(id);
        assertThat(note.json().get("internalFlag").asBoolean()).isTrue();
        assertThat(note.json().get("externalFlag").asBoolean()).isFalse();
        assertThat(note.json().get("member").get("identifier").asString()).isEqualTo("HorizonAPI");
        long noteId = note.json().get("id").asLong();
        assertThat(api.get("service/tickets/" + id + "/notes/" + noteId).json().get("text").asString())
                .isEqualTo("line one line two  three\ttab");
        assertThat(api.get("service/tickets/" + (id + 100000) + "/notes").status()).isEqualTo(404);
        assertThat(Instant.parse(api.get("service/tickets/" + id).json().get("_info").get("lastUpdated").asString()))
                .isAfterOrEqualTo(Instant.parse(updatedBefore));

        CwClient.Response noFlag = api.post("service/tickets/" + id + "/notes", Map.of("text", "which thread?"));
        assertThat(noFlag.status()).isEqualTo(400);
        CwClient.Response noText = api.post("service/tickets/" + id + "/notes", Map.of("detailDescriptionFlag", true));
        assertThat(noText.json().get("errors").get(0).get("code").asString()).isEqualTo("MissingRequiredField");
    }

    @Test
    void timeEntriesNeedAStartComputeHoursAndCanPostTheirNotes() {
        long id = newTicket();
        int notesBefore = api.get("service/tickets/" + id + "/notes").json().size();
        CwClient.Response entry = api.post("time/entries", Map.of("chargeToType", "ServiceTicket", "chargeToId", id,
                "member", Map.of("id", technician()), "timeStart", "2026-11-30T09:00:00Z",
                "timeEnd", "2026-11-30T10:30:00Z", "notes", "Replaced the fuser", "addToDetailDescriptionFlag", true));
        assertThat(entry.status()).isEqualTo(201);
        assertThat(entry.json().get("actualHours").asDouble()).isEqualTo(1.5);
        assertThat(entry.json().get("ticket").get("id").asLong()).isEqualTo(id);
        assertThat(entry.json().get("workType").get("name").asString()).isEqualTo("Remote Support");
        JsonNode notes = api.get("service/tickets/" + id + "/notes").json();
        assertThat(notes.size()).isEqualTo(notesBefore + 1);
        assertThat(notes.get(notes.size() - 1).get("text").asString()).isEqualTo("Replaced the fuser");
        assertThat(api.get("service/tickets/" + id).json().get("actualHours").asDouble()).isEqualTo(1.5);

        CwClient.Response byHours = api.post("time/entries", Map.of("chargeToId", id, "timeStart",
                "2026-11-30T11:00:00Z", "actualHours", 0.25));
        assertThat(byHours.json().get("timeEnd").asString()).isEqualTo("2026-11-30T11:15:00Z");
        assertThat(byHours.json().get("member").get("identifier").asString()).isEqualTo("HorizonAPI");
        CwClient.Response noStart = api.post("time/entries", Map.of("chargeToId", id, "actualHours", 1));
        assertThat(noStart.json().get("errors").get(0).get("field").asString()).isEqualTo("timeStart");
        assertThat(api.post("time/entries", Map.of("chargeToId", id, "timeStart", "2026-11-30T11:00:00Z"))
                .status()).isEqualTo(400);
        assertThat(api.post("time/entries", Map.of("chargeToId", 1, "timeStart", "2026-11-30T11:00:00Z",
                "actualHours", 1)).json().get("errors").get(0).get("field").asString()).isEqualTo("chargeToId");
    }

    @Test
    void deletesAnswer204AndATicketWithTimeCannotGo() {
        long id = newTicket();
        api.post("time/entries", Map.of("chargeToId", id, "timeStart", "2026-11-30T11:00:00Z", "actualHours", 1));
        CwClient.Response conflict = api.delete("service/tickets/" + id);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asString()).isEqualTo("Conflict");

        long clean = newTicket();
        long note = api.post("service/tickets/" + clean + "/notes", Map.of("text", "x", "detailDescriptionFlag", true))
                .json().get("id").asLong();
        assertThat(api.delete("service/tickets/" + clean + "/notes/" + note).status()).isEqualTo(204);
        assertThat(api.delete("service/tickets/" + clean).status()).isEqualTo(204);
        assertThat(api.get("service/tickets/" + clean).status()).isEqualTo(404);
    }

    @Test
    void putReplacesTheRecordKeepingServerFields() {
        long id = newTicket();
        JsonNode before = api.get("service/tickets/" + id).json();
        CwClient.Response put = api.put("service/tickets/" + id, Map.of("summary", "Replaced",
                "company", Map.of("id", before.get("company").get("id").asLong()), "board", Map.of("id", board)));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("summary").asString()).isEqualTo("Replaced");
        assertThat(put.json().has("contact")).isFalse();
        assertThat(put.json().get("_info").get("dateEntered")).isEqualTo(before.get("_info").get("dateEntered"));
    }

    @Test
    void pagesServeEachRecordAsItIsNowByteForByte() {
        long id = newTicket();
        String path = "service/tickets?pageSize=1000&conditions=id%3E%3D" + id;
        api.get(path); // written once and kept
        api.patch("service/tickets/" + id, List.of(Map.of("op", "replace", "path", "summary", "value", "Changed since")));
        long other = newTicket();
        String page = api.get(path).text();
        var stored = sim.control().records(Kind.TICKETS).stream().filter(t -> t.get("id").asLong() >= id).toList();
        assertThat(page).isEqualTo(CwClient.JSON.writeValueAsString(stored));
        assertThat(page).contains("Changed since").contains("\"id\":" + other);
    }

    @Test
    void companiesAndContactsAreWritable() {
        CwClient.Response company = api.post("company/companies", Map.of("identifier", "NewCo1", "name", "New & Co"));
        assertThat(company.status()).isEqualTo(201);
        assertThat(company.json().get("status").get("name").asString()).isEqualTo("Active");
        CwClient.Response duplicate = api.post("company/companies", Map.of("identifier", "newco1", "name", "Again"));
        assertThat(duplicate.json().get("errors").get(0).get("code").asString()).isEqualTo("ObjectExists");
        CwClient.Response contact = api.post("company/contacts", Map.of("firstName", "Zoë",
                "company", Map.of("identifier", "NewCo1")));
        assertThat(contact.json().get("company").get("name").asString()).isEqualTo("New & Co");
    }
}
