package horizon.todo;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskTicket;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import horizon.ticket.MirrorSeed;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Todos on one store, over real HTTP: the API (create, edit, move, complete, versions, validation, account scoping,
 * calendars and who may see them, tickets completed or deleted in the PSA) and the pages' htmx posts. Subclassed
 * once per store (H2, PostgreSQL); each test opens its own accounts.
 */
abstract class TodoCases extends HorizonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** An open ticket of Acme. */
    static final long PRINTER = 8101;
    /** A second open ticket of Acme, to be completed in the PSA. */
    static final long VPN = 8102;
    /** A third, to be deleted in the PSA. */
    static final long MAILBOX = 8103;
    /** Globex's only ticket; Acme has none with this id. */
    static final long GLOBEX_TICKET = 8201;

    @Autowired
    MirrorWriter writer;

    TestAccount acme;
    TestAccount globex;

    @BeforeEach
    void accounts() {
        acme = fixtures().account("Todos");
        globex = fixtures().account("Other MSP");
        writer.upsert(acme.id(), MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(PRINTER, "Printer offline", "1", 10L, null, MirrorSeed.T0),
                MirrorSeed.ticket(VPN, "VPN drops", "1", 10L, null, MirrorSeed.T0),
                MirrorSeed.ticket(MAILBOX, "Mailbox full", "1", 10L, null, MirrorSeed.T0)));
        writer.upsert(globex.id(), MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(GLOBEX_TICKET, "Globex server room", "1", 10L, null, MirrorSeed.T0)));
    }

    @Test
    void createsAndReadsATodoOnATicket() {
        HttpResponse<String> created = api("POST", "/api/v1/tickets/" + PRINTER + "/todos", acme.agent().token(),
                """
                {"title": "  Swap the toner  ", "start": "2026-11-20T09:30:00Z", "end": "2026-11-20T10:30:00+00:00",
                 "notes": "Toner is in the store room."}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode todo = JSON.readTree(created.body());
        long id = todo.path("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/todos/" + id);
        assertThat(todo.path("self").asString()).isEqualTo("/api/v1/todos/" + id);
        assertThat(todo.path("title").asString()).isEqualTo("Swap the toner");
        assertThat(todo.path("ticketId").asLong()).isEqualTo(PRINTER);
        assertThat(todo.path("ticket").path("number").asString()).isEqualTo("T20261120." + PRINTER);
        assertThat(todo.path("ticket").path("title").asString()).isEqualTo("Printer offline");
        assertThat(todo.path("ticket").path("state").asString()).isEqualTo("OPEN");
        assertThat(todo.path("assigneeUserId").asLong()).as("the caller, when nobody is named")
                .isEqualTo(acme.agent().id());
        assertThat(todo.path("assignee").asString()).isEqualTo(acme.agent().displayName());
        assertThat(todo.path("createdByUserId").asLong()).isEqualTo(acme.agent().id());
        assertThat(todo.path("start").asString()).isEqualTo("2026-11-20T09:30:00Z");
        assertThat(todo.path("end").asString()).isEqualTo("2026-11-20T10:30:00Z");
        assertThat(todo.path("done").asBoolean()).isFalse();
        assertThat(todo.path("doneAt").isNull()).isTrue();
        assertThat(todo.path("notes").asString()).isEqualTo("Toner is in the store room.");
        assertThat(todo.path("version").asInt()).isEqualTo(1);

        assertThat(get("/api/v1/todos/" + id, acme.admin().token())).isEqualTo(todo);
        JsonNode list = get("/api/v1/tickets/" + PRINTER + "/todos", acme.agent().token());
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(todo);
        assertThat(get("/api/v1/tickets/" + VPN + "/todos", acme.agent().token())).isEmpty();
        var row = jdbc.sql("select account_id, ticket_id, starts_at from todos where id = :id").param("id", id)
                .query().singleRow();
        assertThat(((Number) row.get("account_id")).longValue()).isEqualTo(acme.id());
        assertThat(((Number) row.get("ticket_id")).longValue()).isEqualTo(PRINTER);
    }

    @Test
    void editsMovesCompletesAndReopensEachOnTheVersionItWasMadeOn() {
        JsonNode todo = create(acme.agent().token(), PRINTER, "Swap the toner", "2026-11-20T09:30:00Z",
                "2026-11-20T10:30:00Z");
        String self = todo.path("self").asString();
        String token = acme.agent().token();

        JsonNode edited = patch(token, self, """
                {"title": "Swap toner and drum", "notes": "Drum too", "assigneeUserId": %d, "version": 1}
                """.formatted(acme.admin().id()), 200);
        assertThat(edited.path("title").asString()).isEqualTo("Swap toner and drum");
        assertThat(edited.path("notes").asString()).isEqualTo("Drum too");
        assertThat(edited.path("assigneeUserId").asLong()).isEqualTo(acme.admin().id());
        assertThat(edited.path("version").asInt()).isEqualTo(2);

        // A start alone moves the todo and keeps its hour.
        JsonNode moved = patch(token, self, "{\"start\": \"2026-11-23T14:00:00Z\", \"version\": 2}", 200);
        assertThat(moved.path("start").asString()).isEqualTo("2026-11-23T14:00:00Z");
        assertThat(moved.path("end").asString()).isEqualTo("2026-11-23T15:00:00Z");
        JsonNode stretched = patch(token, self,
                "{\"start\": \"2026-11-23T13:00:00Z\", \"end\": \"2026-11-23T16:30:00Z\", \"version\": 3}", 200);
        assertThat(stretched.path("start").asString()).isEqualTo("2026-11-23T13:00:00Z");
        assertThat(stretched.path("end").asString()).isEqualTo("2026-11-23T16:30:00Z");

        JsonNode done = patch(token, self, "{\"done\": true, \"version\": 4}", 200);
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(Instant.parse(done.path("doneAt").asString())).isAfter(Instant.now().minusSeconds(60));
        assertThat(done.path("version").asInt()).isEqualTo(5);

        // Someone who read version 4 is told, and their change is not made.
        HttpResponse<String> stale = api("PATCH", self, acme.admin().token(),
                "{\"title\": \"Mine now\", \"version\": 4}");
        assertThat(stale.statusCode()).isEqualTo(409);
        JsonNode conflict = JSON.readTree(stale.body());
        assertThat(conflict.path("error").asString()).isEqualTo("conflict");
        assertThat(conflict.path("message").asString()).contains("changed since version 4", "version 5 now");
        assertThat(get(self, token).path("title").asString()).isEqualTo("Swap toner and drum");

        JsonNode reopened = patch(token, self, "{\"done\": false, \"notes\": \"\", \"version\": 5}", 200);
        assertThat(reopened.path("done").asBoolean()).isFalse();
        assertThat(reopened.path("doneAt").isNull()).isTrue();
        assertThat(reopened.path("notes").isNull()).as("blank notes clear them").isTrue();
        assertThat(reopened.path("version").asInt()).isEqualTo(6);

        // A change that changes nothing keeps the version.
        assertThat(patch(token, self, "{\"done\": false, \"version\": 6}", 200).path("version").asInt()).isEqualTo(6);
        assertThat(refusal("PATCH", self, token, "{\"title\": \"No version\"}", 422))
                .contains("Send the version of the todo you changed");
    }

    @Test
    void refusesBadInputWithMessagesThatSayWhatIsWrong() {
        String path = "/api/v1/tickets/" + PRINTER + "/todos";
        String token = acme.agent().token();
        assertThat(refusal("POST", path, token, body("   ", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"), 422))
                .isEqualTo("Give the todo a title.");
        assertThat(refusal("POST", path, token, body("x".repeat(201), "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"),
                422)).isEqualTo("The title is 201 characters long; 200 at most.");
        assertThat(refusal("POST", path, token, body("Same", "2026-11-20T09:00:00Z", "2026-11-20T09:00:00Z"), 422))
                .isEqualTo("The end must be after the start.");
        assertThat(refusal("POST", path, token, body("Before", "2026-11-20T09:00:00Z", "2026-11-20T08:00:00Z"), 422))
                .isEqualTo("The end must be after the start.");
        assertThat(refusal("POST", path, token, body("Long", "2026-11-20T09:00:00Z", "2026-12-04T09:00:01Z"), 422))
                .isEqualTo("A todo lasts 14 days at most.");
        assertThat(refusal("POST", path, token, "{\"title\": \"No times\"}", 422))
                .isEqualTo("Give the todo a start and an end.");
        assertThat(refusal("POST", path, token, body("Words", "tomorrow", "2026-11-20T10:00:00Z"), 422))
                .isEqualTo("start must be an ISO-8601 instant such as 2026-11-20T09:30:00Z; it was \"tomorrow\".");
        assertThat(refusal("POST", path, token, """
                {"title": "Long notes", "start": "2026-11-20T09:00:00Z", "end": "2026-11-20T10:00:00Z",
                 "notes": "%s"}""".formatted("n".repeat(4001)), 422))
                .isEqualTo("The notes are 4001 characters long; 4000 at most.");
        assertThat(refusal("POST", path, token, """
                {"title": "For a stranger", "start": "2026-11-20T09:00:00Z", "end": "2026-11-20T10:00:00Z",
                 "assigneeUserId": %d}""".formatted(globex.agent().id()), 422))
                .isEqualTo("User " + globex.agent().id() + " is not a user of this account.");
        assertThat(refusal("POST", "/api/v1/tickets/424242/todos", token,
                body("Nowhere", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"), 404))
                .contains("Ticket 424242 is not in Horizon");
        HttpResponse<String> garbled = api("POST", path, token, "{\"title\": ");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbled.body()).path("error").asString()).isEqualTo("invalid");
        assertThat(jdbc.sql("select count(*) from todos where account_id = :a").param("a", acme.id())
                .query(Long.class).single()).as("nothing stored").isZero();
    }

    @Test
    void anotherAccountsTodosAreNotFoundAndStayAsTheyWere() {
        JsonNode theirs = create(globex.agent().token(), GLOBEX_TICKET, "Globex cabling", "2026-11-20T09:00:00Z",
                "2026-11-20T10:00:00Z");
        String self = theirs.path("self").asString();
        for (var user : List.of(acme.agent(), acme.admin())) {
            assertThat(apiGet(self, user.token()).statusCode()).isEqualTo(404);
            assertThat(refusal("PATCH", self, user.token(), "{\"done\": true, \"version\": 1}", 404))
                    .isEqualTo("No todo " + theirs.path("id").asLong() + ".");
            assertThat(api("DELETE", self, user.token(), null).statusCode()).isEqualTo(404);
            assertThat(apiGet("/api/v1/tickets/" + GLOBEX_TICKET + "/todos", user.token()).statusCode())
                    .isEqualTo(404);
            assertThat(refusal("POST", "/api/v1/tickets/" + GLOBEX_TICKET + "/todos", user.token(),
                    body("Sneak in", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"), 404)).contains("not in Horizon");
        }
        assertThat(refusal("GET", "/api/v1/calendar?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z&user="
                + globex.agent().id(), acme.admin().token(), null, 404)).contains("No user");
        assertThat(get(self, globex.agent().token())).isEqualTo(theirs);
        JsonNode team = get("/api/v1/calendar?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z&team=true",
                acme.admin().token());
        assertThat(team.toString()).doesNotContain("Globex cabling", globex.agent().displayName());
    }

    @Test
    void theCalendarShowsTheAgentsOwnTodosOverlappingTheWindow() {
        String agent = acme.agent().token();
        create(agent, PRINTER, "Before the week", "2026-11-13T09:00:00Z", "2026-11-13T10:00:00Z");
        create(agent, PRINTER, "Across Sunday night", "2026-11-15T22:00:00Z", "2026-11-16T01:00:00Z");
        create(agent, VPN, "Wednesday", "2026-11-18T09:00:00Z", "2026-11-18T10:00:00Z");
        create(agent, PRINTER, "Ends as the week ends", "2026-11-22T20:00:00Z", "2026-11-23T00:00:00Z");
        create(agent, PRINTER, "Next week", "2026-11-23T00:00:00Z", "2026-11-23T01:00:00Z");
        create(agent, PRINTER, "Began long before", "2026-11-03T09:00:00Z", "2026-11-16T09:00:00Z");
        createFor(acme.admin().token(), PRINTER, "The admin's own", "2026-11-18T11:00:00Z", "2026-11-18T12:00:00Z",
                acme.admin().id());
        String week = "/api/v1/calendar?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z";

        JsonNode mine = get(week, agent);
        assertThat(mine.path("from").asString()).isEqualTo("2026-11-16T00:00:00Z");
        assertThat(mine.path("to").asString()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(mine.path("users")).hasSize(1);
        assertThat(mine.path("users").get(0).path("userId").asLong()).isEqualTo(acme.agent().id());
        assertThat(titles(mine.path("users").get(0))).containsExactly("Began long before", "Across Sunday night",
                "Wednesday", "Ends as the week ends");
        assertThat(titles(get(week + "&user=" + acme.agent().id(), agent).path("users").get(0)))
                .as("naming oneself").hasSize(4);

        HttpResponse<String> theAdmins = apiGet(week + "&user=" + acme.admin().id(), agent);
        assertThat(theAdmins.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(theAdmins.body()).path("error").asString()).isEqualTo("forbidden");
        assertThat(refusal("GET", week + "&team=true", agent, null, 403))
                .isEqualTo("Only admins see the team's calendar.");

        assertThat(refusal("GET", "/api/v1/calendar?to=2026-11-23T00:00:00Z", agent, null, 422))
                .contains("from and to");
        assertThat(refusal("GET", "/api/v1/calendar?from=2026-11-23T00:00:00Z&to=2026-11-16T00:00:00Z", agent,
                null, 422)).isEqualTo("to must be after from.");
        assertThat(refusal("GET", "/api/v1/calendar?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z", agent,
                null, 422)).isEqualTo("A calendar window is 42 days at most.");
        assertThat(apiGet(week + "&user=abc", agent).statusCode()).isEqualTo(400);
    }

    @Test
    void anAdminSeesTheTeamGroupedByAgentAndAnyAgentsCalendar() {
        create(acme.agent().token(), PRINTER, "Agent's Wednesday", "2026-11-18T09:00:00Z", "2026-11-18T10:00:00Z");
        createFor(acme.agent().token(), VPN, "Given to the admin", "2026-11-19T09:00:00Z", "2026-11-19T10:00:00Z",
                acme.admin().id());
        String week = "/api/v1/calendar?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z";

        JsonNode team = get(week + "&team=true", acme.admin().token());
        assertThat(team.path("users")).hasSize(2);
        for (JsonNode user : team.path("users")) {
            if (user.path("userId").asLong() == acme.agent().id()) {
                assertThat(user.path("displayName").asString()).isEqualTo(acme.agent().displayName());
                assertThat(titles(user)).containsExactly("Agent's Wednesday");
            } else {
                assertThat(user.path("userId").asLong()).isEqualTo(acme.admin().id());
                assertThat(titles(user)).containsExactly("Given to the admin");
            }
        }
        assertThat(titles(get(week + "&user=" + acme.agent().id(), acme.admin().token()).path("users").get(0)))
                .containsExactly("Agent's Wednesday");
        assertThat(titles(get(week, acme.admin().token()).path("users").get(0))).containsExactly("Given to the admin");
        assertThat(refusal("GET", week + "&team=true&user=" + acme.agent().id(), acme.admin().token(), null, 422))
                .contains("not both");
    }

    @Test
    void aTodoSaysWhenItsTicketWasCompletedOrDeletedInThePsa() {
        String token = acme.agent().token();
        long onVpn = create(token, VPN, "Check the tunnel", "2026-11-18T09:00:00Z", "2026-11-18T10:00:00Z")
                .path("id").asLong();
        long onMailbox = create(token, MAILBOX, "Archive mail", "2026-11-18T11:00:00Z", "2026-11-18T12:00:00Z")
                .path("id").asLong();

        HelpdeskTicket vpn = MirrorSeed.ticket(VPN, "VPN drops", "5", 10L, null, MirrorSeed.T0.plusSeconds(600));
        writer.upsert(acme.id(), MirroredEntity.TICKETS, List.of(completed(vpn, MirrorSeed.T0.plusSeconds(600))));
        writer.markDeleted(acme.id(), MirroredEntity.TICKETS, List.of(MAILBOX), MirrorSeed.T0.plusSeconds(700));

        assertThat(get("/api/v1/todos/" + onVpn, token).path("ticket").path("state").asString())
                .isEqualTo("COMPLETED");
        JsonNode deleted = get("/api/v1/todos/" + onMailbox, token);
        assertThat(deleted.path("ticket").path("state").asString()).isEqualTo("DELETED");
        assertThat(deleted.path("ticket").path("number").asString()).isEqualTo("T20261120." + MAILBOX);
        JsonNode week = get("/api/v1/calendar?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z", token);
        assertThat(week.path("users").get(0).path("todos")).extracting(t -> t.path("ticket").path("state").asString())
                .containsExactly("COMPLETED", "DELETED");
        // The deleted ticket's todos can still be read, changed and deleted; no new ones are planned on it.
        assertThat(get("/api/v1/tickets/" + MAILBOX + "/todos", token)).hasSize(1);
        patch(token, "/api/v1/todos/" + onMailbox, "{\"done\": true, \"version\": 1}", 200);
        assertThat(refusal("POST", "/api/v1/tickets/" + MAILBOX + "/todos", token,
                body("Too late", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"), 404)).contains("deleted there");
        // A ticket gone from the mirror altogether counts as deleted too.
        jdbc.sql("delete from tickets where account_id = :a and external_id = :t").param("a", acme.id())
                .param("t", MAILBOX).update();
        JsonNode gone = get("/api/v1/todos/" + onMailbox, token);
        assertThat(gone.path("ticket").path("state").asString()).isEqualTo("DELETED");
        assertThat(gone.path("ticket").path("number").isNull()).isTrue();
    }

    @Test
    void deletesOnlyTheVersionItWasAskedFor() {
        JsonNode todo = create(acme.agent().token(), PRINTER, "Short lived", "2026-11-20T09:00:00Z",
                "2026-11-20T10:00:00Z");
        String self = todo.path("self").asString();
        patch(acme.agent().token(), self, "{\"title\": \"Renamed\", \"version\": 1}", 200);
        assertThat(refusal("DELETE", self + "?version=1", acme.agent().token(), null, 409)).contains("Renamed");
        assertThat(api("DELETE", self + "?version=2", acme.agent().token(), null).statusCode()).isEqualTo(204);
        assertThat(apiGet(self, acme.agent().token()).statusCode()).isEqualTo(404);
        assertThat(api("DELETE", self, acme.agent().token(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void theTicketPagesTodosSectionAddsMovesCompletesReopensAndDeletesInTheAgentsZone() {
        WebSession web = web();
        web.login(acme.agent().email(), acme.agent().password());
        Document ticketPage = web.open("/tickets/" + PRINTER).html();
        assertThat(ticketPage.selectFirst("#todos").attr("hx-get")).isEqualTo("/tickets/" + PRINTER + "/todos");
        String section = "/tickets/" + PRINTER + "/todos";
        Document empty = web.open(section + "?zone=Europe/Berlin").html();
        assertThat(empty.select("#no-todos").text()).isEqualTo("No todos on this ticket yet.");
        assertThat(empty.select(".todo-zone").text()).isEqualTo("Europe/Berlin");
        assertThat(empty.select("#todo-assignee option[selected]").attr("value"))
                .isEqualTo(String.valueOf(acme.agent().id()));

        Document refused = post(web, section, Map.of("title", "Swap toner", "start", "2026-11-20T10:30",
                "end", "2026-11-20T09:30", "zone", "Europe/Berlin"));
        assertThat(refused.select("#todo-outcome.error").text()).isEqualTo("The end must be after the start.");
        assertThat(refused.select("#todo-title").attr("value")).as("what was typed stays").isEqualTo("Swap toner");

        Document added = post(web, section, Map.of("title", "Swap toner", "start", "2026-11-20T09:30",
                "end", "2026-11-20T10:30", "zone", "Europe/Berlin", "notes", "Store room",
                "assignee", String.valueOf(acme.agent().id())));
        assertThat(added.select("#todo-outcome.ok").text()).isEqualTo("Added \"Swap toner\" for "
                + acme.agent().displayName() + ".");
        long id = jdbc.sql("select id from todos where account_id = :a").param("a", acme.id()).query(Long.class)
                .single();
        assertThat(added.select("#todo-" + id + " .todo-when").text()).isEqualTo("Fri 20 Nov 2026, 09:30–10:30");
        assertThat(added.select("#todo-" + id + " .todo-notes").text()).isEqualTo("Store room");
        assertThat(added.select("#todo-title").attr("value")).as("a fresh form").isEmpty();
        assertThat(get("/api/v1/todos/" + id, acme.agent().token()).path("start").asString())
                .isEqualTo("2026-11-20T08:30:00Z");

        Document moved = post(web, section + "/" + id + "/move", Map.of("version", "1", "start", "2026-11-21T14:00",
                "end", "2026-11-21T15:00", "zone", "Europe/Berlin"));
        assertThat(moved.select("#todo-outcome.ok").text()).isEqualTo("Moved \"Swap toner\".");
        assertThat(moved.select("#todo-" + id + " .todo-when").text()).isEqualTo("Sat 21 Nov 2026, 14:00–15:00");

        Document stale = post(web, section + "/" + id + "/done", Map.of("version", "1", "done", "true",
                "zone", "Europe/Berlin"));
        assertThat(stale.select("#todo-outcome.error").text()).contains("was changed since version 1");
        assertThat(stale.select("#todo-" + id).hasClass("done")).isFalse();

        Document completed = post(web, section + "/" + id + "/done", Map.of("version", "2", "done", "true",
                "zone", "Europe/Berlin"));
        assertThat(completed.select("#todo-" + id).hasClass("done")).isTrue();
        assertThat(completed.select("#todo-" + id + " button.todo-reopen").text()).isEqualTo("Reopen");

        Document edited = post(web, section + "/" + id, Map.of("version", "3", "title", "Swap toner and drum",
                "assignee", String.valueOf(acme.admin().id()), "notes", "", "zone", "Europe/Berlin"));
        assertThat(edited.select("#todo-" + id + " .todo-title").text()).isEqualTo("Swap toner and drum");
        assertThat(edited.select("#todo-" + id + " .todo-assignee").text()).isEqualTo(acme.admin().displayName());
        assertThat(edited.select("#todo-" + id + " .todo-notes")).isEmpty();

        Document reopened = post(web, section + "/" + id + "/done", Map.of("version", "4", "done", "false",
                "zone", "Europe/Berlin"));
        assertThat(reopened.select("#todo-outcome.ok").text()).isEqualTo("Reopened \"Swap toner and drum\".");
        assertThat(reopened.select("#todo-" + id + " button.todo-complete").text()).isEqualTo("Complete");

        // A todo is reached only through its own ticket.
        assertThat(web.post("/tickets/" + VPN + "/todos/" + id + "/done", Map.of("version", "5")).status())
                .isEqualTo(404);
        Document deleted = post(web, section + "/" + id + "/delete", Map.of("version", "5", "zone", "UTC"));
        assertThat(deleted.select("#todo-outcome.ok").text()).isEqualTo("Deleted \"Swap toner and drum\".");
        assertThat(deleted.select("#no-todos")).hasSize(1);
    }

    @Test
    void theCalendarPageShowsDaysAndWeeksAndTheTeamOnlyToAdmins() {
        long printer = create(acme.agent().token(), PRINTER, "Swap toner", "2026-11-20T08:30:00Z",
                "2026-11-20T09:30:00Z").path("id").asLong();
        long vpn = create(acme.agent().token(), VPN, "Check the tunnel", "2026-11-18T08:00:00Z",
                "2026-11-18T09:00:00Z").path("id").asLong();
        writer.upsert(acme.id(), MirroredEntity.TICKETS, List.of(completed(MirrorSeed.ticket(VPN, "VPN drops", "5",
                10L, null, MirrorSeed.T0.plusSeconds(600)), MirrorSeed.T0.plusSeconds(600))));
        WebSession agent = web();
        agent.login(acme.agent().email(), acme.agent().password());

        Document week = agent.open("/calendar?span=week&date=2026-11-20&zone=Europe/Berlin").html();
        assertThat(week.select("#cal-title").text()).isEqualTo("Week of 16 – 22 November 2026");
        assertThat(week.select("#cal-zone").text()).isEqualTo("Europe/Berlin");
        assertThat(week.select("table.cal thead th").eachText()).containsExactly("Mon 16 Nov", "Tue 17 Nov",
                "Wed 18 Nov", "Thu 19 Nov", "Fri 20 Nov", "Sat 21 Nov", "Sun 22 Nov");
        var friday = week.selectFirst("td[data-day=2026-11-20] li[data-todo=" + printer + "]");
        assertThat(friday.select(".cal-clock").text()).isEqualTo("09:30–10:30");
        assertThat(friday.select("a.cal-ticket").attr("href")).isEqualTo("/tickets/" + PRINTER);
        assertThat(friday.select("a.cal-ticket").text()).isEqualTo("T20261120." + PRINTER + " · Printer offline");
        var wednesday = week.selectFirst("td[data-day=2026-11-18] li[data-todo=" + vpn + "]");
        assertThat(wednesday.select(".ticket-state").text()).isEqualTo("Ticket completed in the PSA");
        assertThat(week.select("#cal-previous").attr("href"))
                .isEqualTo("/calendar?span=week&date=2026-11-09&zone=Europe%2FBerlin");
        assertThat(week.select("#cal-next").attr("href"))
                .isEqualTo("/calendar?span=week&date=2026-11-23&zone=Europe%2FBerlin");
        assertThat(week.select("#view-team")).as("no team view for agents").isEmpty();

        Document day = agent.open("/calendar?span=day&date=2026-11-20&zone=Europe/Berlin").html();
        assertThat(day.select("#cal-title").text()).isEqualTo("Friday 20 November 2026");
        assertThat(day.select("li.cal-todo .cal-title").eachText()).containsExactly("Swap toner");
        assertThat(agent.get("/calendar?team=true").status()).isEqualTo(403);
        assertThat(agent.get("/calendar?user=" + acme.admin().id()).status()).isEqualTo(403);
        assertThat(agent.open("/calendar").html().select("#nav-calendar.active")).hasSize(1);

        WebSession admin = web();
        admin.login(acme.admin().email(), acme.admin().password());
        Document team = admin.open("/calendar?span=day&date=2026-11-20&zone=Europe/Berlin&team=true").html();
        assertThat(team.select("#agent-" + acme.agent().id() + " .cal-title").eachText())
                .containsExactly("Swap toner");
        assertThat(team.select("#agent-" + acme.agent().id() + " th.cal-agent").text())
                .isEqualTo(acme.agent().displayName());
        assertThat(team.select("#agent-" + acme.admin().id() + " .cal-empty").text()).isEqualTo("Nothing planned");
        Document agentsWeek = admin.open("/calendar?span=week&date=2026-11-20&zone=Europe/Berlin&user="
                + acme.agent().id()).html();
        assertThat(agentsWeek.select("li.cal-todo .cal-title").eachText()).containsExactly("Check the tunnel",
                "Swap toner");
        assertThat(admin.get("/calendar?user=" + globex.agent().id()).status()).isEqualTo(404);
    }

    JsonNode create(String token, long ticketId, String title, String start, String end) {
        HttpResponse<String> answer = api("POST", "/api/v1/tickets/" + ticketId + "/todos", token,
                body(title, start, end));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    JsonNode createFor(String token, long ticketId, String title, String start, String end, long assignee) {
        HttpResponse<String> answer = api("POST", "/api/v1/tickets/" + ticketId + "/todos", token, """
                {"title": "%s", "start": "%s", "end": "%s", "assigneeUserId": %d}
                """.formatted(title, start, end, assignee));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    JsonNode get(String path, String token) {
        HttpResponse<String> answer = apiGet(path, token);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    JsonNode patch(String token, String path, String json, int expected) {
        HttpResponse<String> answer = api("PATCH", path, token, json);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
        return JSON.readTree(answer.body());
    }

    /** The message of an error answer with this status, after checking the error code matches it. */
    String refusal(String method, String path, String token, String json, int status) {
        HttpResponse<String> answer = api(method, path, token, json);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").asString()).isEqualTo(switch (status) {
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 403 -> "forbidden";
            default -> "invalid";
        });
        return error.path("message").asString();
    }

    static String body(String title, String start, String end) {
        return "{\"title\": \"" + title + "\", \"start\": \"" + start + "\", \"end\": \"" + end + "\"}";
    }

    static List<String> titles(JsonNode user) {
        return StreamSupport.stream(user.path("todos").spliterator(), false).map(t -> t.path("title").asString())
                .toList();
    }

    static HelpdeskTicket completed(HelpdeskTicket t, Instant at) {
        return new HelpdeskTicket(t.externalId(), t.number(), t.title(), t.description(), t.status(), t.priority(),
                t.queueId(), t.issueType(), t.subIssueType(), t.source(), t.ticketType(), t.companyId(),
                t.contactId(), t.assigneeResourceId(), t.assigneeRoleId(), t.dueAt(), t.createdAt(), at,
                t.lastActivityAt(), t.remoteUpdatedAt(), t.rawJson());
    }

    private static Document post(WebSession web, String path, Map<String, String> form) {
        WebSession.Page answer = web.post(path, form);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.html();
    }
}
