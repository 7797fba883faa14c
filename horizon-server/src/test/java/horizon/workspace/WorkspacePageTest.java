package horizon.workspace;

import static horizon.workspace.SeededWorkspace.BEAS;
import static horizon.workspace.SeededWorkspace.MINE;
import static horizon.workspace.SeededWorkspace.UNASSIGNED;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.account.Accounts;
import horizon.account.Role;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The agent workspace over HTTP: the ticket list's views and search, the ticket page, and actions' answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspacePageTest extends HorizonTest {

    private TestAccount acme;
    private TestAccount globex;

    @BeforeAll
    void seed() {
        acme = fixtures().account("Acme");
        globex = fixtures().account("Globex");
        SeededWorkspace.seed(context, acme);
    }

    @Test
    void agentSeesMineUnassignedAllAndSearches() {
        WebSession web = agent(acme);
        Document mine = web.open("/tickets").html();
        assertThat(mine.select(".ws-tabs a.active").text()).isEqualTo("Mine");
        assertThat(ids(mine)).containsExactly("ticket-" + MINE);
        Element row = mine.selectFirst("#ticket-" + MINE);
        assertThat(row.select("td").eachText()).containsExactly("T20261120." + MINE, "Printer offline on floor 2",
                "New", "Medium", "Level I Support", "Alex Agent", "2026-11-20 09:05 UTC");
        assertThat(row.selectFirst("td.number a").attr("href")).isEqualTo("/tickets/" + MINE);

        Document unassigned = web.open("/tickets?view=unassigned").html();
        assertThat(ids(unassigned)).containsExactly("ticket-" + UNASSIGNED);
        assertThat(unassigned.selectFirst("#ticket-" + UNASSIGNED).text()).contains("In Progress",
                "Monitoring Alert", "unassigned");

        Document all = web.open("/tickets?view=all").html();
        assertThat(ids(all)).containsExactly("ticket-" + MINE, "ticket-" + UNASSIGNED, "ticket-" + BEAS);
        assertThat(ids(web.open("/tickets?view=all&q=vpn").html())).containsExactly("ticket-" + UNASSIGNED);
        assertThat(ids(web.open("/tickets?view=all&q=T20261120." + BEAS).html())).containsExactly("ticket-" + BEAS);
        assertThat(ids(web.open("/tickets?view=all&status=1&queue=" + SeededWorkspace.LEVEL_ONE).html()))
                .containsExactly("ticket-" + MINE, "ticket-" + BEAS);
        Document none = web.open("/tickets?view=all&q=nothing-like-this").html();
        assertThat(none.select("#empty").text()).isEqualTo("No tickets match.");
        assertThat(none.select("#previous-page, #next-page")).isEmpty();
        assertThat(all.select("select[name=status] option").eachText())
                .containsExactly("Any status", "New", "In Progress", "Complete");
        assertThat(all.select("#nav-tickets").attr("href")).isEqualTo("/tickets");
    }

    @Test
    void ticketPageShowsDetailsThreadOldestFirstAndTime() {
        WebSession web = agent(acme);
        WebSession.Page page = web.open("/tickets/" + MINE);
        assertThat(page.status()).isEqualTo(200);
        Document html = page.html();
        assertThat(html.select("#ticket-number").text()).isEqualTo("T20261120." + MINE);
        assertThat(html.select("#fact-status").text()).isEqualTo("New");
        assertThat(html.select("#fact-queue").text()).isEqualTo("Level I Support");
        assertThat(html.select("#fact-assignee").text()).isEqualTo("Alex Agent");
        assertThat(html.select("#fact-company").text()).isEqualTo("Contoso Dental");
        assertThat(html.select("#fact-created").text()).isEqualTo("2026-11-20 09:00 UTC");
        assertThat(html.select("#ticket-description").text()).isEqualTo("Description of Printer offline on floor 2");
        assertThat(html.select("#thread li.note .note-title").eachText()).containsExactly("First look",
                "Replaced toner");
        assertThat(html.select("#thread li.note .author").eachText()).containsExactly("Bea Tech", "Alex Agent");
        assertThat(html.select("#thread li.note .visibility").eachText()).containsExactly("All Autotask Users",
                "Internal Only");
        assertThat(html.select("#thread li.unsent")).isEmpty();
        assertThat(html.select("#time-entries tr.time-entry td").eachText()).containsExactly("Alex Agent",
                "2026-11-20", "1.5", "Worked on it");
        assertThat(html.select("#status option").eachAttr("value")).containsExactly("1", "8", "5");
        assertThat(html.select("#assignee option").eachText()).contains("Alex Agent · Role 29683461",
                "Bea Tech · Role 29683461");
        assertThat(html.select("#assignee option[selected]").attr("value"))
                .isEqualTo(SeededWorkspace.ALEX + ":29683461");
        assertThat(html.select("#assign-me-form input[name=assignee]").attr("value"))
                .isEqualTo(SeededWorkspace.ALEX + ":29683461");
        assertThat(html.select("#seen").attr("value")).isNotEmpty();

        // The poll answers 204 while nothing changed, and the live parts once the page's fingerprint is stale.
        String poll = html.selectFirst("#ticket-live").attr("hx-get");
        assertThat(poll).startsWith("/tickets/" + MINE + "/live?v=");
        assertThat(web.get(poll).status()).isEqualTo(204);
        WebSession.Page stale = web.get("/tickets/" + MINE + "/live?v=older");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.html().select("#ticket-live #thread li.note")).hasSize(2);
        assertThat(stale.html().select("#outbox").attr("hx-swap-oob")).isEqualTo("true");
    }

    @Test
    void anotherAccountsAgentGetsNotFoundAndSeesTheyAreNotConnected() {
        WebSession web = agent(globex);
        assertThat(web.get("/tickets/" + MINE).status()).isEqualTo(404);
        Document list = web.open("/tickets").html();
        assertThat(list.select("#not-connected").text()).contains("not connected");
        assertThat(list.select("#onboarding-link")).isEmpty();
        assertThat(list.html()).doesNotContain("Printer offline");
        WebSession admin = web();
        admin.login(globex.admin().email(), globex.admin().password());
        assertThat(admin.open("/tickets").html().select("#onboarding-link").attr("href"))
                .isEqualTo("/admin/onboarding");
    }

    @Test
    void unmappedAgentPostingAnActionSeesTheMappingMessage() {
        String email = "unmapped-" + acme.id() + "@acme.test";
        context.getBean(Accounts.class).addUser(acme.id(), email, "Una Mapped", "una-pass-123456", Role.AGENT);
        WebSession web = web();
        web.login(email, "una-pass-123456");
        Document page = web.open("/tickets/" + BEAS).html();
        assertThat(page.select("#assign-me-form")).isEmpty();
        WebSession.Page answer = web.post("/tickets/" + BEAS + "/notes", Map.of("text", "Called the user",
                "visibility", "INTERNAL", "seen", page.select("#seen").attr("value")));
        assertThat(answer.status()).isEqualTo(200);
        Element message = answer.html().selectFirst(".outcome-not-mapped");
        assertThat(message).isNotNull();
        assertThat(message.text()).contains("not mapped", "Helpdesk User Mapping");
        assertThat(answer.html().select("#thread li.unsent")).isEmpty();
        assertThat(outboxRows(BEAS)).isZero();
        // Mine has nothing to show for them, and says why.
        assertThat(web.open("/tickets?view=mine").html().select("#not-mapped").text()).contains("not mapped");
    }

    @Test
    void mappedAgentsNoteShowsPendingAndAStatusChangeOfAChangedTicketAsksFirst() {
        WebSession web = agent(acme);
        Document page = web.open("/tickets/" + BEAS).html();
        String seen = page.select("#seen").attr("value");

        WebSession.Page same = web.post("/tickets/" + BEAS + "/status", Map.of("status", "1", "seen", seen));
        assertThat(same.html().select(".outcome-unchanged").text()).isEqualTo("Ticket T20261120." + BEAS
                + " is already New.");

        WebSession.Page asked = web.post("/tickets/" + BEAS + "/status", Map.of("status", "8", "seen", "0"));
        assertThat(asked.html().select(".outcome-confirm").text()).contains("changed in Autotask", "anyway?");
        assertThat(asked.html().select(".outcome-confirm button[name=confirm]").attr("value")).isEqualTo("true");

        WebSession.Page confirmed = web.post("/tickets/" + BEAS + "/status",
                Map.of("status", "8", "seen", "0", "confirm", "true"));
        assertThat(confirmed.html().select(".outcome-queued").text()).contains("Status → In Progress");
        assertThat(confirmed.html().select("#ticket-live #fact-status").text()).isEqualTo("In Progress");

        WebSession.Page noted = web.post("/tickets/" + BEAS + "/notes", Map.of("title", "Called",
                "text", "Asked the user to archive old mail.", "visibility", "PUBLIC", "seen", seen));
        assertThat(noted.html().select(".outcome-queued").text()).contains("Public note: Asked the user");
        Element pending = noted.html().selectFirst("#thread li.unsent");
        assertThat(pending).isNotNull();
        assertThat(pending.text()).contains("Alex Agent", "public", "Asked the user to archive old mail.");
        assertThat(noted.html().select("#outbox li.action .summary").eachText())
                .contains("Public note: Asked the user to archive old mail.", "Status → In Progress");

        WebSession.Page timed = web.post("/tickets/" + BEAS + "/time", Map.of("start", "2026-11-20T09:00",
                "end", "2026-11-20T10:30", "zone", "Europe/Berlin", "summary", "Cleaned up the mailbox",
                "roleId", "29683461", "seen", seen));
        assertThat(timed.html().select(".outcome-queued").text()).contains("Time 1 h 30 min");
        assertThat(timed.html().select("#time-entries tr.unsent td").eachText()).contains("Alex Agent",
                "2026-11-20 08:00–09:30 UTC", "1.5");

        WebSession.Page wrong = web.post("/tickets/" + BEAS + "/time", Map.of("minutes", "lots",
                "summary", "x", "seen", seen));
        assertThat(wrong.html().select(".outcome-refused").text()).contains("Minutes must be a whole number");
    }

    private WebSession agent(TestAccount account) {
        WebSession web = web();
        web.login(account.agent().email(), account.agent().password());
        return web;
    }

    private static List<String> ids(Document page) {
        return page.select("#tickets tbody tr").eachAttr("id");
    }

    private long outboxRows(long ticketId) {
        return jdbc.sql("select count(*) from writeback_actions where account_id = :a and ticket_id = :t")
                .param("a", acme.id()).param("t", ticketId).query(Long.class).single();
    }
}
