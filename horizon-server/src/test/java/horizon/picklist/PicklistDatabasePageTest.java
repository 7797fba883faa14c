package horizon.picklist;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import horizon.ticket.MirrorSeed;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Picklist Database page and the picklist API over HTTP, on mirrored picklists of two accounts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicklistDatabasePageTest extends HorizonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestAccount acme;
    private TestAccount globex;

    @BeforeAll
    void seed() {
        acme = fixtures().account("Acme");
        globex = fixtures().account("Globex");
        MirrorWriter writer = context.getBean(MirrorWriter.class);
        PicklistSeed.acmePicklists(writer, acme.id());
        writer.putPicklist(globex.id(), "Tickets", "status", List.of(
                MirrorSeed.value("Tickets", "status", "1", "Globex Secret Status", true, true, 0, null)));
    }

    @Test
    void showsEveryPicklistGroupedWithSubIssueTypesUnderTheirIssueType() {
        Document page = admin(acme).open(PicklistDatabaseController.PATH).html();
        assertThat(page.select("#entity-Tickets h2").text()).isEqualTo("Tickets");
        assertThat(page.select("#entity-TicketNotes")).hasSize(1);
        assertThat(page.select("#entity-Companies")).hasSize(1);
        assertThat(page.select("#entity-Tickets .picklist-field").eachAttr("id")).containsExactly(
                "picklist-Tickets-status", "picklist-Tickets-priority", "picklist-Tickets-queueID",
                "picklist-Tickets-issueType");
        assertThat(labels(page, "picklist-Tickets-issueType"))
                .containsExactly("Hardware", "↳Workstation", "↳Server", "Software", "↳Licensing");
        assertThat(labels(page, "picklist-Tickets-status")).containsExactly("New", "In Progress", "On Hold",
                "Complete");
        Element onHold = page.selectFirst("#picklist-Tickets-status tr[data-value=9]");
        assertThat(onHold.hasClass("inactive")).isTrue();
        assertThat(onHold.text()).contains("inactive");
        assertThat(page.selectFirst("#picklist-Tickets-status tr[data-value=1]").text()).contains("default");
        assertThat(page.selectFirst("#picklist-Tickets-issueType h3").text()).contains("Sub-issue type", "refreshed");
        assertThat(page.select("#field-count").text()).isEqualTo("7");
        assertThat(page.select("#value-count").text()).isEqualTo("16");
        assertThat(page.select("#last-refresh").text()).endsWith("UTC");
        assertThat(page.html()).doesNotContain("Globex Secret Status");
        // Not connected: no Refresh now button is offered, and no empty state since there are picklists.
        assertThat(page.select("#refresh-now")).isEmpty();
        assertThat(page.select("#empty-state")).isEmpty();
    }

    @Test
    void filterNarrowsToMatchingValuesKeepingTheirParent() {
        WebSession web = admin(acme);
        Document server = web.open(PicklistDatabaseController.PATH + "?q=server").html();
        assertThat(server.select(".picklist-field").eachAttr("id")).containsExactly("picklist-Tickets-issueType");
        assertThat(labels(server, "picklist-Tickets-issueType")).containsExactly("Hardware", "↳Server");
        Document noteType = web.open(PicklistDatabaseController.PATH + "?q=note%20type").html();
        assertThat(noteType.select(".picklist-field").eachAttr("id")).containsExactly("picklist-TicketNotes-noteType");
        assertThat(labels(noteType, "picklist-TicketNotes-noteType")).containsExactly("Task Detail", "Resolution");
        Document nothing = web.open(PicklistDatabaseController.PATH + "?q=zzz").html();
        assertThat(nothing.select("#no-match").text()).contains("zzz");
    }

    @Test
    void emptyStateExplainsWhatToDo() {
        TestAccount fresh = fixtures().account("Fresh");
        Document page = admin(fresh).open(PicklistDatabaseController.PATH).html();
        assertThat(page.select("#empty-not-connected").text()).contains("not connected", "onboarding wizard");
        assertThat(page.select("#last-refresh").text()).isEqualTo("never");
        assertThat(page.select("#filter")).isEmpty();
    }

    @Test
    void refreshWithoutAConnectionSaysToConnectFirst() {
        WebSession web = admin(acme);
        web.open(PicklistDatabaseController.PATH);
        WebSession.Page answer = web.post(PicklistDatabaseController.PATH + "/refresh", Map.of());
        assertThat(answer.redirectsTo(PicklistDatabaseController.PATH)).isTrue();
        assertThat(web.follow(answer).html().select("#refresh-error").text()).contains("Connect a helpdesk first");
    }

    @Test
    void agentsCannotOpenThePage() {
        WebSession web = web();
        web.login(acme.agent().email(), acme.agent().password());
        assertThat(web.get(PicklistDatabaseController.PATH).status()).isEqualTo(403);
    }

    @Test
    void apiListsPicklistsOfTheTokensAccountOnly() {
        JsonNode all = JSON.readTree(apiGet("/api/v1/picklists", acme.agent().token()).body());
        assertThat(all.get("items")).extracting(i -> i.get("entity").asString() + "." + i.get("field").asString())
                .containsExactlyInAnyOrder("Tickets.status", "Tickets.priority", "Tickets.queueID", "Tickets.issueType",
                        "Tickets.subIssueType", "TicketNotes.noteType", "Companies.companyType");
        HttpResponse<String> sub = apiGet("/api/v1/picklists/Tickets/subIssueType", acme.agent().token());
        assertThat(sub.statusCode()).isEqualTo(200);
        JsonNode server = JSON.readTree(sub.body()).get("values").get(1);
        assertThat(server.get("label").asString()).isEqualTo("Server");
        assertThat(server.get("active").asBoolean()).isFalse();
        assertThat(server.get("parentValue").asString()).isEqualTo("10");
        assertThat(JSON.readTree(sub.body()).get("refreshedAt").isNull()).isFalse();
        JsonNode newStatus = JSON.readTree(apiGet("/api/v1/picklists/Tickets/status", acme.agent().token()).body())
                .get("values").get(0);
        assertThat(newStatus.get("label").asString()).isEqualTo("New");
        assertThat(newStatus.get("isDefault").asBoolean()).isTrue();
        assertThat(newStatus.get("parentValue").isNull()).isTrue();

        HttpResponse<String> globexStatus = apiGet("/api/v1/picklists/Tickets/status", globex.agent().token());
        assertThat(globexStatus.body()).contains("Globex Secret Status").doesNotContain("In Progress");
        assertThat(apiGet("/api/v1/picklists", globex.agent().token()).body()).doesNotContain("Hardware");
        HttpResponse<String> missing = apiGet("/api/v1/picklists/Tickets/issueType", globex.agent().token());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asString()).isEqualTo("not_found");
    }

    private WebSession admin(TestAccount account) {
        WebSession web = web();
        web.login(account.admin().email(), account.admin().password());
        return web;
    }

    /** The label cells of a field's table, nested ones prefixed with ↳ (the page's CSS marker is not text). */
    private static List<String> labels(Document page, String fieldId) {
        return page.select("#" + fieldId + " tbody tr").stream()
                .map(row -> (row.hasClass("sub") ? "↳" : "") + row.selectFirst("td.label span").text())
                .toList();
    }
}
