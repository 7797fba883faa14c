package horizon.ticket;

import static horizon.ticket.MirrorSeed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read API over HTTP with bearer tokens: ticket filters and paging, one ticket with its thread, companies and
 * contacts, 400/401/404 answers, and that account B's token never sees account A's records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiTest extends HorizonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestAccount acme;
    private TestAccount globex;

    @BeforeAll
    void seed() {
        acme = fixtures().account("Acme");
        globex = fixtures().account("Globex");
        MirrorWriter writer = context.getBean(MirrorWriter.class);
        // Acme: 12 tickets 1001..1012; odd ones status 1 in queue 500, even ones status 5 in queue 600;
        // 1001..1004 assigned to resource 77; ticket n was last active n minutes after T0.
        writer.upsert(acme.id(), MirroredEntity.TICKETS, LongStream.rangeClosed(1001, 1012)
                .mapToObj(id -> MirrorSeed.ticket(id, "Acme printer " + id, id % 2 == 1 ? "1" : "5",
                        id % 2 == 1 ? 500L : 600L, id <= 1004 ? 77L : null, T0.plusSeconds(60 * (id - 1000))))
                .toList());
        writer.upsert(acme.id(), MirroredEntity.TICKET_NOTES, List.of(
                MirrorSeed.note(9002, 1001, "second note", T0.plusSeconds(120)),
                MirrorSeed.note(9001, 1001, "first note", T0.plusSeconds(60))));
        writer.upsert(acme.id(), MirroredEntity.TIME_ENTRIES, List.of(MirrorSeed.timeEntry(8001, 1001, "1.50")));
        writer.upsert(acme.id(), MirroredEntity.COMPANIES, List.of(MirrorSeed.company(0, "Acme MSP"),
                MirrorSeed.company(301, "Acme Customer One"), MirrorSeed.company(302, "Acme Customer Two")));
        writer.upsert(acme.id(), MirroredEntity.CONTACTS, List.of(
                MirrorSeed.contact(401, 301, "Carol", "Acmeone", "carol@one.test"),
                MirrorSeed.contact(402, 302, "Dave", "Acmetwo", "dave@two.test"),
                MirrorSeed.contact(403, 301, "Erin", "Acmeone", "erin@one.test")));
        // Globex holds a ticket with an id Acme also uses and one Acme does not have.
        writer.upsert(globex.id(), MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(1001, "Globex secret plans", "1", 500L, 77L, T0),
                MirrorSeed.ticket(2001, "Globex only", "1", 500L, null, T0)));
        writer.upsert(globex.id(), MirroredEntity.TICKET_NOTES, List.of(
                MirrorSeed.note(9901, 2001, "globex note", T0)));
        writer.upsert(globex.id(), MirroredEntity.COMPANIES, List.of(MirrorSeed.company(301, "Globex Corp")));
        writer.upsert(globex.id(), MirroredEntity.CONTACTS, List.of(
                MirrorSeed.contact(401, 301, "Gina", "Globex", "gina@globex.test")));
    }

    @Test
    void listsTicketsByIdWithoutRawJson() {
        JsonNode page = ok("/api/v1/tickets", acme.agent().token());
        assertThat(ids(page)).containsExactly(1001L, 1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L, 1009L, 1010L,
                1011L, 1012L);
        assertThat(page.get("next").isNull()).isTrue();
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("title").asString()).isEqualTo("Acme printer 1001");
        assertThat(first.get("status").asString()).isEqualTo("1");
        assertThat(first.has("raw")).isFalse();
    }

    @Test
    void filtersByStatusQueueAssigneeAndUpdatedSince() {
        String token = acme.admin().token();
        assertThat(ids(ok("/api/v1/tickets?status=5", token))).containsExactly(1002L, 1004L, 1006L, 1008L, 1010L,
                1012L);
        assertThat(ids(ok("/api/v1/tickets?status=1,5&queue=600", token)))
                .containsExactly(1002L, 1004L, 1006L, 1008L, 1010L, 1012L);
        assertThat(ids(ok("/api/v1/tickets?status=1&status=5&assignee=77", token)))
                .containsExactly(1001L, 1002L, 1003L, 1004L);
        assertThat(ids(ok("/api/v1/tickets?updatedSince=" + T0.plusSeconds(600), token)))
                .containsExactly(1010L, 1011L, 1012L);
        assertThat(ids(ok("/api/v1/tickets?updatedSince=2026-11-20T10:11:00%2B01:00&queue=500", token)))
                .containsExactly(1011L);
    }

    @Test
    void pagesWithTheNextLinkUntilItIsNull() {
        List<Long> seen = new ArrayList<>();
        String path = "/api/v1/tickets?status=1&limit=2";
        int pages = 0;
        while (path != null) {
            JsonNode page = ok(path, acme.agent().token());
            seen.addAll(ids(page));
            pages++;
            path = page.get("next").isNull() ? null : page.get("next").asString();
            if (path != null) {
                assertThat(path).startsWith("/api/v1/tickets?").contains("status=1").contains("limit=2");
            }
        }
        assertThat(seen).containsExactly(1001L, 1003L, 1005L, 1007L, 1009L, 1011L);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void refusesUnusableParameters() {
        String token = acme.agent().token();
        assertThat(apiGet("/api/v1/tickets?limit=501", token).statusCode()).isEqualTo(400);
        assertThat(apiGet("/api/v1/tickets?limit=0", token).statusCode()).isEqualTo(400);
        assertThat(apiGet("/api/v1/tickets?limit=500", token).statusCode()).isEqualTo(200);
        HttpResponse<String> badDate = apiGet("/api/v1/tickets?updatedSince=yesterday", token);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badDate.body()).get("message").asString()).contains("updatedSince");
        assertThat(apiGet("/api/v1/tickets?queue=abc", token).statusCode()).isEqualTo(400);
        assertThat(apiGet("/api/v1/tickets?cursor=garbage", token).statusCode()).isEqualTo(400);
        assertThat(apiGet("/api/v1/contacts?company=x", token).statusCode()).isEqualTo(400);
    }

    @Test
    void oneTicketCarriesNotesTimeEntriesAndRawJson() {
        JsonNode ticket = ok("/api/v1/tickets/1001", acme.agent().token());
        assertThat(ticket.get("title").asString()).isEqualTo("Acme printer 1001");
        assertThat(ticket.get("notes")).extracting(n -> n.get("description").asString())
                .containsExactly("first note", "second note");
        assertThat(ticket.get("timeEntries").get(0).get("hoursWorked").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(ticket.get("raw").get("title").asString()).isEqualTo("Acme printer 1001");
    }

    @Test
    void unknownTicketIs404Json() {
        HttpResponse<String> answer = apiGet("/api/v1/tickets/424242", acme.agent().token());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("not_found");
    }

    @Test
    void withoutATokenEveryRouteIs401() {
        for (String path : List.of("/api/v1/tickets", "/api/v1/tickets/1001", "/api/v1/companies",
                "/api/v1/contacts", "/api/v1/picklists", "/api/v1/helpdesk-users")) {
            assertThat(apiGet(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(apiGet(path, "hzn_not-a-token").statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void companiesAndContactsWithCompanyFilter() {
        String token = acme.agent().token();
        JsonNode companies = ok("/api/v1/companies", token);
        assertThat(companies.get("items")).extracting(c -> c.get("name").asString())
                .containsExactly("Acme MSP", "Acme Customer One", "Acme Customer Two");
        assertThat(ok("/api/v1/companies?name=customer%20t", token).get("items"))
                .extracting(c -> c.get("id").asLong()).containsExactly(302L);
        assertThat(ids(ok("/api/v1/contacts?company=301", token))).containsExactly(401L, 403L);
        JsonNode firstPage = ok("/api/v1/contacts?limit=2", token);
        assertThat(ids(firstPage)).containsExactly(401L, 402L);
        assertThat(ids(ok(firstPage.get("next").asString(), token))).containsExactly(403L);
    }

    @Test
    void globexTokenNeverSeesAcmeRecords() {
        String token = globex.admin().token();
        assertThat(ids(ok("/api/v1/tickets", token))).containsExactly(1001L, 2001L);
        JsonNode shared = ok("/api/v1/tickets/1001", token);
        assertThat(shared.get("title").asString()).isEqualTo("Globex secret plans");
        assertThat(shared.get("notes")).isEmpty();
        assertThat(shared.get("timeEntries")).isEmpty();
        assertThat(apiGet("/api/v1/tickets/1005", token).statusCode()).isEqualTo(404);
        assertThat(apiGet("/api/v1/companies", token).body()).doesNotContain("Acme");
        assertThat(apiGet("/api/v1/contacts?company=301", token).body()).contains("Gina").doesNotContain("Carol");
        // and the other way round
        assertThat(apiGet("/api/v1/tickets/2001", acme.admin().token()).statusCode()).isEqualTo(404);
        assertThat(apiGet("/api/v1/tickets?limit=500", acme.admin().token()).body()).doesNotContain("Globex");
    }

    private JsonNode ok(String path, String token) {
        HttpResponse<String> answer = apiGet(path, token);
        assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
