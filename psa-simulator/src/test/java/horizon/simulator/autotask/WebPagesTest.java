package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.simulator.autotask.web.AutotaskPages;
import horizon.simulator.autotask.web.HtmlWidget;
import horizon.simulator.autotask.web.LiveLink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Autotask pages integrations appear on: HTML dashboard widgets and LiveLinks set up through the control API and
 * the Java API, the dashboard and the ticket page that show them, under the database zone's web URL.
 */
class WebPagesTest {
    private static AutotaskSimulator sim;
    private static ApiClient control;
    private static ApiClient web;
    private static long technician;
    private static long ticket;
    private static String ticketNumber;

    @BeforeAll
    static void start() {
        sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(new SimulatorOptions.MspSize(3, 6, 4, 10, 1)));
        control = new ApiClient(sim.controlUrl());
        web = new ApiClient(sim.webUrl());
        technician = sim.control().technicians().get(0);
        ticket = sim.control().createTicket(Map.of("title", "Printer offline"));
        ticketNumber = sim.control().get("Tickets", ticket).orElseThrow().get("ticketNumber").asString();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void removeSetup() {
        sim.control().htmlWidgets().forEach(w -> sim.control().deleteHtmlWidget(w.id()));
        sim.control().liveLinks().forEach(l -> sim.control().deleteLiveLink(l.id()));
        sim.control().setAllowHtmlWidgetsOnSharedTabs(false);
    }

    @Test
    void widgetsLiveLinksAndTheSharedTabSettingThroughTheControlApi() {
        ApiClient.Response widget = control.post("html-widgets", Map.of("title", "Horizon calendar",
                "html", "<iframe src=\"https://horizon.example/widgets/k1/calendar\"></iframe>", "shared", true));
        assertThat(widget.status()).as(widget.text()).isEqualTo(200);
        long widgetId = widget.json().get("id").asLong();
        assertThat(widget.json().get("shared").asBoolean()).isTrue();
        assertThat(control.post("html-widgets", Map.of("title", "Mine", "html", "<p>hi</p>")).json()
                .get("shared").asBoolean()).isFalse();
        assertThat(control.get("html-widgets").json().size()).isEqualTo(2);
        assertThat(sim.control().htmlWidgets()).extracting(HtmlWidget::title).containsExactly("Horizon calendar", "Mine");
        assertThat(control.delete("html-widgets/" + widgetId).json().get("deleted").asLong()).isEqualTo(widgetId);
        assertThat(control.delete("html-widgets/" + widgetId).status()).isEqualTo(404);
        assertThat(control.post("html-widgets", Map.of("title", "No markup")).status()).isEqualTo(400);

        ApiClient.Response link = control.post("livelinks", Map.of("name", "Horizon",
                "url", "https://horizon.example/widgets/k1/ticket?ticket=[TicketID]"));
        assertThat(link.status()).as(link.text()).isEqualTo(200);
        long linkId = link.json().get("id").asLong();
        assertThat(control.get("livelinks").json().get(0).get("url").asString()).endsWith("ticket=[TicketID]");
        assertThat(control.post("livelinks", Map.of("name", "Bad", "url", "javascript:alert(1)")).status()).isEqualTo(400);
        assertThat(control.post("livelinks", Map.of("url", "https://horizon.example/")).status()).isEqualTo(400);
        assertThat(control.delete("livelinks/" + linkId).status()).isEqualTo(200);
        assertThat(sim.control().liveLinks()).isEmpty();

        assertThat(control.get("web-settings").json().get("allowHtmlWidgetsOnSharedTabs").asBoolean()).isFalse();
        assertThat(control.post("web-settings", Map.of("allowHtmlWidgetsOnSharedTabs", true)).json()
                .get("allowHtmlWidgetsOnSharedTabs").asBoolean()).isTrue();
        assertThat(sim.control().allowHtmlWidgetsOnSharedTabs()).isTrue();
        JsonNode index = control.get("").json();
        assertThat(index.get("pages").get("dashboard").asString())
                .isEqualTo(sim.webUrl() + "Mvc/Dashboard?resource={resourceId}");
    }

    @Test
    void theDashboardPlacesEachWidgetsMarkupAsGivenAndSharedOnesOnlyWhenAllowed() {
        HtmlWidget mine = sim.control().addHtmlWidget("My calendar",
                "<iframe src=\"http://127.0.0.1:9000/widgets/k1/calendar\" style=\"height:400px\"></iframe>", false);
        HtmlWidget shared = sim.control().addHtmlWidget("Team calendar",
                "<iframe src=\"http://127.0.0.1:9000/widgets/k1/calendar?team=1\"></iframe>", true);

        ApiClient.Response page = web.get(sim.dashboardUrl(technician));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).isNull();
        assertThat(page.header("X-Frame-Options")).isNull();
        ObjectNode resource = sim.control().get("Resources", technician).orElseThrow();
        assertThat(page.text()).contains("<span class=\"brand\">Autotask</span>")
                .contains(escaped(resource.get("firstName").asString() + " " + resource.get("lastName").asString()))
                .contains("data-widget-id=\"" + mine.id() + "\" data-shared=\"false\" data-rendered=\"true\"")
                .contains("<iframe src=\"http://127.0.0.1:9000/widgets/k1/calendar\" style=\"height:400px\"></iframe>")
                .contains("data-widget-id=\"" + shared.id() + "\" data-shared=\"true\" data-rendered=\"false\"")
                .contains("HTML widgets are not shown on shared tabs")
                .doesNotContain("calendar?team=1");

        sim.control().setAllowHtmlWidgetsOnSharedTabs(true);
        assertThat(web.get(sim.dashboardUrl(technician)).text())
                .contains("data-widget-id=\"" + shared.id() + "\" data-shared=\"true\" data-rendered=\"true\"")
                .contains("<iframe src=\"http://127.0.0.1:9000/widgets/k1/calendar?team=1\"></iframe>")
                .doesNotContain("not shown on shared tabs");
    }

    @Test
    void theTicketPageOffersEachLiveLinkAsALinkAndInAPanelWithItsVariablesFilledIn() {
        LiveLink horizon = sim.control().addLiveLink("Horizon",
                "http://127.0.0.1:9000/widgets/k1/ticket?ticket=[TicketID]&number=[TicketNumber]&resource=[resourceid]");
        LiveLink other = sim.control().addLiveLink("Docs", "https://docs.example/[TicketNumber]");

        ApiClient.Response page = web.get(sim.ticketDetailUrl(ticket, technician));
        assertThat(page.status()).isEqualTo(200);
        String src = "http://127.0.0.1:9000/widgets/k1/ticket?ticket=" + ticket + "&amp;number=" + ticketNumber
                + "&amp;resource=" + technician;
        assertThat(page.text()).contains("<span class=\"ticket-number\">" + ticketNumber + "</span>Printer offline")
                .contains("<a class=\"livelink\" data-livelink-id=\"" + horizon.id() + "\" href=\"" + src + "\"")
                .contains("<iframe class=\"livelink-frame\" id=\"livelink-" + horizon.id() + "\" title=\"Horizon\" src=\""
                        + src + "\"></iframe>")
                .contains("href=\"https://docs.example/" + ticketNumber + "\"")
                .contains("id=\"livelink-" + other.id() + "\"")
                .contains("<span class=\"brand\">Autotask</span>");
        assertThat(web.get(sim.ticketDetailUrl(ticket, technician)).text()).isEqualTo(page.text());
    }

    @Test
    void hostileValuesAreEscaped() {
        String hostile = "<script>alert(\"x\")</script> & 'q'";
        long evil = sim.control().createTicket(Map.of("title", hostile, "description", "</dd><b>bold</b>"));
        sim.control().addLiveLink("<img src=x onerror=alert(1)>", "https://horizon.example/t?a=1&b='[TicketID]'");
        sim.control().addHtmlWidget("<i>title</i>", "<b>as given</b>", false);

        String ticketPage = web.get(sim.ticketDetailUrl(evil, technician)).text();
        assertThat(ticketPage).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>bold")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("href=\"https://horizon.example/t?a=1&amp;b=&#39;" + evil + "&#39;\"");
        String dashboard = web.get(sim.dashboardUrl(technician)).text();
        assertThat(dashboard).contains("<h3>&lt;i&gt;title&lt;/i&gt;</h3>").contains("<b>as given</b>");
        assertThat(web.get("Mvc/ServiceDesk/TicketDetail?ticketId=%3Cb%3E&resource=" + technician).text())
                .contains("&lt;b&gt;").doesNotContain("<b>");
    }

    @Test
    void pagesRefuseWhoCannotLogInAndWhatDoesNotExist() {
        assertThat(web.get(sim.dashboardUrl(99_999_999)).status()).isEqualTo(404);
        assertThat(web.get("Mvc/Dashboard").status()).isEqualTo(400);
        assertThat(web.get(sim.dashboardUrl(sim.apiUser().resourceId())).status()).as("an API user").isEqualTo(403);
        long inactive = sim.control().records("Resources", "isActive", false).stream()
                .filter(r -> r.get("userType").asLong() != sim.control().picklistCode("Resources", "userType",
                        "API User (API-only)")).findFirst().orElseThrow().get("id").asLong();
        assertThat(web.get(sim.dashboardUrl(inactive)).status()).isEqualTo(403);
        assertThat(web.get(sim.ticketDetailUrl(99_999_999, technician)).status()).isEqualTo(404);
        assertThat(web.get("Mvc/Nothing?resource=" + technician).status()).isEqualTo(404);
        assertThat(web.post(sim.dashboardUrl(technician), Map.of()).status()).isEqualTo(405);
        // IIS matches paths and parameter names ignoring case
        assertThat(web.get("mvc/servicedesk/ticketdetail?TICKETID=" + ticket + "&Resource=" + technician).status())
                .isEqualTo(200);

        List<Zone> zones = sim.zones();
        Zone elsewhere = zones.get(0);
        assertThat(elsewhere.webUrl()).isNotEqualTo(sim.webUrl());
        ApiClient.Response wrongZone = web.get(elsewhere.webUrl() + AutotaskPages.dashboardPath(technician));
        assertThat(wrongZone.status()).isEqualTo(404);
        assertThat(wrongZone.text()).contains(sim.webUrl());
    }

    @Test
    void pagesAreTheWebUiAndTheApisFaultsLeaveThemAlone() {
        sim.control().setApiDown(true);
        try {
            assertThat(ApiClient.of(sim.apiUser()).get("V1.0/Tickets/" + ticket).status()).isEqualTo(503);
            assertThat(web.get(sim.ticketDetailUrl(ticket, technician)).status()).isEqualTo(200);
        } finally {
            sim.control().clearFaults();
        }
        assertThat(sim.webOrigin() + "/").isEqualTo(sim.webUrl());
        JsonNode zone = new ApiClient(sim.zones().get(0).apiUrl())
                .get("V1.0/zoneInformation?user=" + sim.apiUser().userName()).json();
        assertThat(zone.get("webUrl").asString()).isEqualTo(sim.webUrl());
        assertThatThrownBy(() -> sim.control().addLiveLink("x", "ftp://files.example/")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
