package horizon.widget;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskTicket;
import horizon.mirror.TicketFilter;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.SimulatedPsa;
import horizon.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Helpdesk Widget Status over HTTP: fixed vectors of widget events, each giving the exact verdict one rule on the page
 * says; the facts per widget (last render, renders per UTC day, sign-in paths, browsers, newest failures); the embed
 * steps with their values to copy; the preview; who may see the page. Subclassed once per store.
 */
abstract class WidgetStatusCases extends WidgetSuite {

    static final String PAGE = "/admin/helpdesk/widget-status";
    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final String SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
            + "Gecko) Version/18.4 Safari/605.1.15";
    static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86";

    @Autowired
    WidgetEventRepository events;

    // ---- the rules, one vector each ---------------------------------------------------------------------------

    @Test
    void greenWhenEachWidgetRenderedInTheLastDayAndNothingFailedInIt() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        seed(agent, "calendar", "sign-in-failure", "popup", now.minus(Duration.ofHours(30)));
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(2)));
        seed(agent, "ticket", "render", "refresh", now.minus(Duration.ofMinutes(50)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("GREEN");
        assertThat(widgetVerdict(page, "calendar")).isEqualTo("GREEN");
        assertThat(widgetVerdict(page, "ticket")).isEqualTo("GREEN");
        assertThat(page.getElementById("reasons")).isNull();
        assertThat(page.getElementById("all-well").text()).contains("Both widgets rendered in the last 24 hours");
        assertThat(page.getElementById("psa").text()).isEqualTo("Autotask");
    }

    @Test
    void amberWhenAWidgetHasNotRenderedInTheLastDay() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        Instant lastRender = now.minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.SECONDS);
        seed(agent, "calendar", "render", "popup", lastRender);
        seed(agent, "ticket", "render", "popup", now.minus(Duration.ofHours(1)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("AMBER");
        assertThat(widgetVerdict(page, "calendar")).isEqualTo("AMBER");
        assertThat(widgetVerdict(page, "ticket")).isEqualTo("GREEN");
        assertThat(reasons(page)).containsExactly("Calendar: no render in the last 24 hours; the last one was "
                + WidgetStatus.TIME.format(lastRender) + ".");
        assertThat(page.getElementById("last-render-calendar").text()).isEqualTo(WidgetStatus.TIME.format(lastRender));
    }

    @Test
    void amberWhenNothingWasReportedYetOrOnlyLongerAgoThanHorizonKeepsReports() {
        Agent agent = fresh(CONNECTWISE);
        // Older than the 30 days kept: it counts for nothing, not even as a failure.
        seed(agent, "ticket", "server-error", "psa-member", clock.instant().minus(Duration.ofDays(31)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("AMBER");
        assertThat(reasons(page)).containsExactly(
                "Calendar: no render reported yet. Embed it in ConnectWise PSA (steps below) and open it there.",
                "Ticket widget: no render reported yet. Embed it in ConnectWise PSA (steps below) and open it there.");
        assertThat(page.getElementById("last-render-ticket").text()).isEqualTo("none reported");
        assertThat(page.getElementById("no-errors-ticket")).isNotNull();
    }

    @Test
    void amberWhenAWidgetFailedInTheLastDayButRenderedAfterwards() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(5)));
        seed(agent, "calendar", "sign-in-failure", null, now.minus(Duration.ofHours(3)));
        seed(agent, "calendar", "load-failure", "refresh", now.minus(Duration.ofHours(2)));
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(1)));
        seed(agent, "ticket", "render", "refresh", now.minus(Duration.ofHours(1)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("AMBER");
        assertThat(widgetVerdict(page, "calendar")).isEqualTo("AMBER");
        assertThat(reasons(page)).containsExactly("Calendar: 2 failures in the last 24 hours, with renders after "
                + "them.");
        assertThat(page.getElementById("last-day-calendar").text()).isEqualTo("2 renders · 2 failures");
    }

    @Test
    void redWhenAWidgetsNewestReportIsAFailureWithNoRenderAfterIt() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        Instant failed = now.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(3)));
        seed(agent, "calendar", "load-failure", "popup", failed);
        seed(agent, "ticket", "render", "popup", now.minus(Duration.ofHours(1)));

        Document page = page(agent);
        assertThat(verdict(page)).as("the page is as bad as its worse widget").isEqualTo("RED");
        assertThat(widgetVerdict(page, "calendar")).isEqualTo("RED");
        assertThat(widgetVerdict(page, "ticket")).isEqualTo("GREEN");
        assertThat(reasons(page)).containsExactly("Calendar: its newest report is a load failure ("
                + WidgetStatus.TIME.format(failed) + "), and it has not rendered since.");
        assertThat(page.select("#reasons-calendar li").eachText()).containsExactly("Its newest report is a load "
                + "failure (" + WidgetStatus.TIME.format(failed) + "), and it has not rendered since.");
        assertThat(page.getElementById("reasons-ticket")).isNull();
    }

    @Test
    void redWhenTheOnlyReportsAreFailuresEvenDaysOld() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(2)));
        seed(agent, "ticket", "sign-in-failure", "popup", now.minus(Duration.ofDays(4)));
        seed(agent, "ticket", "server-error", "refresh", now.minus(Duration.ofDays(3)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("RED");
        assertThat(widgetVerdict(page, "ticket")).isEqualTo("RED");
        assertThat(reasons(page)).singleElement().asString()
                .startsWith("Ticket widget: its newest report is a server error (");
    }

    @Test
    void redWhenAPageWasRefusedFramingInTheLastHourEvenWithRendersAfterIt() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(2)));
        seed(agent, "ticket", "framing-blocked", null, now.minus(Duration.ofMinutes(40)));
        seed(agent, "ticket", "render", "popup", now.minus(Duration.ofMinutes(10)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("RED");
        assertThat(widgetVerdict(page, "ticket")).isEqualTo("RED");
        assertThat(reasons(page)).containsExactly("Ticket widget: a page was refused framing it once in the last "
                + "hour. Horizon lets only Autotask's own pages and itself frame its widgets: check where it is "
                + "embedded.");
    }

    @Test
    void framingRefusedMoreThanAnHourAgoWithRendersAfterItIsAmber() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        seed(agent, "calendar", "render", "popup", now.minus(Duration.ofHours(2)));
        seed(agent, "ticket", "framing-blocked", null, now.minus(Duration.ofMinutes(70)));
        seed(agent, "ticket", "render", "popup", now.minus(Duration.ofMinutes(10)));

        Document page = page(agent);
        assertThat(verdict(page)).isEqualTo("AMBER");
        assertThat(reasons(page)).containsExactly("Ticket widget: 1 failure in the last 24 hours, with renders "
                + "after them.");
    }

    @Test
    void theRulesAreWrittenOnThePage() {
        Document page = page(fresh(AUTOTASK));
        assertThat(page.select("#rules li").eachText()).containsExactly(
                "Red: the widget's newest report is a failure (it could not load, could not sign in, was refused "
                        + "framing, or Horizon answered it with a server error) and no render came after it; or a page "
                        + "was refused framing the widget in the last hour.",
                "Amber: not red, and no render in the last 24 hours; or failures in the last 24 hours, with renders "
                        + "after them.",
                "Green: a render in the last 24 hours and no failure in them.",
                "The page is as good as its worse widget. A render is a widget showing its content to a signed-in "
                        + "agent; widgets report it, and every failure, themselves. Horizon keeps these reports for "
                        + "30 days.");
    }

    @Test
    void notConnectedSaysSoAndLinksToOnboarding() {
        TestAccount lone = fixtures().account("Status unconnected");
        WebSession web = web();
        web.login(lone.admin().email(), lone.admin().password());
        WebSession.Page answer = web.get(PAGE);
        assertThat(answer.status()).isEqualTo(200);
        Document page = answer.html();
        assertThat(verdict(page)).isEqualTo("NONE");
        assertThat(page.getElementById("health").text()).isEqualTo("not connected");
        assertThat(page.getElementById("not-connected").text()).contains("not connected to a helpdesk yet");
        assertThat(page.getElementById("onboarding-link").attr("href")).isEqualTo("/admin/onboarding");
        assertThat(page.getElementById("embed-card")).isNull();
        assertThat(page.getElementById("preview-card")).isNull();
        assertThat(page.getElementById("widgets")).isNull();
    }

    // ---- the facts per widget ---------------------------------------------------------------------------------

    @Test
    void rendersPerUtcDaySignInPathsBrowsersAndTheNewestErrors() {
        Agent agent = fresh(AUTOTASK);
        Instant now = clock.instant();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        // Today 3 renders (2 popup in Chrome, 1 refresh in Safari); 2 days ago 1 (psa-member in Edge); 5 days ago 2
        // (the widget did not say how it signed in); 8 days ago 1, outside the days shown.
        seed(agent, "calendar", "render", "popup", CHROME, null, today);
        seed(agent, "calendar", "render", "popup", CHROME, null, today);
        seed(agent, "calendar", "render", "refresh", SAFARI, null, today);
        seed(agent, "calendar", "render", "psa-member", EDGE, null, today.minus(2, ChronoUnit.DAYS)
                .plus(12, ChronoUnit.HOURS));
        seed(agent, "calendar", "render", null, CHROME, null, today.minus(5, ChronoUnit.DAYS));
        seed(agent, "calendar", "render", null, CHROME, null, today.minus(5, ChronoUnit.DAYS).plusSeconds(1));
        seed(agent, "calendar", "render", "popup", CHROME, null, today.minus(8, ChronoUnit.DAYS));
        Instant older = today.minus(1, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS);
        seed(agent, "calendar", "sign-in-failure", "popup", SAFARI, "The sign-in code is used, expired or not for "
                + "this widget; sign in again.", older);
        seed(agent, "calendar", "framing-blocked", null, EDGE, "framed by https://evil.example", older.plusSeconds(60));
        // The other widget's and another account's reports stay out of this widget's figures.
        seed(agent, "ticket", "render", "popup", CHROME, null, today);
        Agent neighbour = agent(CONNECTWISE, "Status");
        seed(neighbour, "calendar", "load-failure", "psa-member", CHROME, "neighbour-only detail", today);

        Document page = page(agent);
        Element calendar = page.getElementById("widget-calendar");

        List<Element> days = calendar.select("#days-calendar tr");
        assertThat(days).hasSize(7);
        assertThat(days).extracting(d -> d.attr("data-date")).containsExactly(
                day(today, 6), day(today, 5), day(today, 4), day(today, 3), day(today, 2), day(today, 1),
                day(today, 0));
        assertThat(days).extracting(d -> d.attr("data-renders")).containsExactly("0", "2", "0", "0", "1", "0", "3");
        assertThat(days.get(6).selectFirst("td.day").text()).isEqualTo("today");
        assertThat(days.get(6).selectFirst(".day-bar").attr("style")).isEqualTo("width:100%");
        assertThat(days.get(4).selectFirst(".day-bar").attr("style")).isEqualTo("width:33%");
        assertThat(calendar.text()).contains("6 in 7 days");

        assertThat(calendar.select("#sign-ins-calendar tr")).extracting(r -> r.attr("data-path") + "="
                + r.attr("data-renders")).containsExactly("psa-member=1", "popup=2", "refresh=1", "=2");
        assertThat(calendar.select("#sign-ins-calendar tr").get(3).text()).startsWith("not said");
        assertThat(calendar.select("#sign-ins-calendar tr").get(0).text())
                .contains("not a path here: Autotask hands widgets no member");

        assertThat(calendar.select("#browsers-calendar tbody tr")).extracting(Element::text).containsExactly(
                "Chrome 131 on Linux 4 0", "Edge 131 on Windows 1 1", "Safari 18.4 on macOS 1 1");
        assertThat(calendar.selectFirst("#browsers-calendar tbody tr td").attr("title")).isEqualTo(CHROME);

        List<Element> errors = calendar.select("#errors-calendar tbody tr");
        assertThat(errors).extracting(e -> e.attr("data-event")).containsExactly("framing-blocked",
                "sign-in-failure");
        assertThat(cells(errors.get(0))).containsExactly(
                WidgetStatus.TIME.format(older.plusSeconds(60)), "framing blocked", "framed by https://evil.example",
                "", "Edge 131 on Windows");
        assertThat(cells(errors.get(1))).containsExactly(WidgetStatus.TIME.format(older),
                "sign-in failure", "The sign-in code is used, expired or not for this widget; sign in again.",
                "popup", "Safari 18.4 on macOS");
        assertThat(errors.get(1).select("td").last().attr("title")).isEqualTo(SAFARI);
        assertThat(page.getElementById("last-render-calendar").text()).isEqualTo(WidgetStatus.TIME.format(today));

        assertThat(page.select("#days-ticket tr")).extracting(d -> d.attr("data-renders"))
                .containsExactly("0", "0", "0", "0", "0", "0", "1");
        assertThat(page.getElementById("no-errors-ticket")).isNotNull();
        assertThat(page.html()).doesNotContain("neighbour-only detail");
    }

    @Test
    void aReportThroughTheBeaconShowsWithItsBrowser() {
        Agent agent = fresh(CONNECTWISE);
        HttpResponse<String> render = beacon(agent, "{\"key\":\"" + agent.key() + "\",\"widget\":\"ticket\","
                + "\"event\":\"render\",\"signIn\":\"psa-member\",\"ms\":240}", EDGE);
        assertThat(render.statusCode()).isEqualTo(204);
        HttpResponse<String> failed = beacon(agent, "{\"key\":\"" + agent.key() + "\",\"widget\":\"ticket\","
                + "\"event\":\"sign-in-failure\",\"signIn\":\"psa-member\",\"detail\":\"Member not confirmed\"}", EDGE);
        assertThat(failed.statusCode()).isEqualTo(204);

        Document page = page(agent);
        assertThat(widgetVerdict(page, "ticket")).isEqualTo("RED");
        assertThat(page.select("#sign-ins-ticket tr[data-path=psa-member]").attr("data-renders")).isEqualTo("1");
        assertThat(page.select("#sign-ins-ticket tr[data-path=psa-member]").text())
                .contains("ConnectWise PSA handed over its signed-in member, confirmed with ConnectWise PSA");
        assertThat(page.select("#browsers-ticket tbody tr").eachText()).containsExactly("Edge 131 on Windows 1 1");
        assertThat(page.select("#errors-ticket tbody tr td").eachText()).contains("sign-in failure",
                "Member not confirmed", "psa-member", "Edge 131 on Windows");
        assertThat(page.getElementById("timing-ticket").text()).isEqualTo("median 240 ms · 95th percentile 240 ms "
                + "(7 days)");
    }

    // ---- embedding and preview --------------------------------------------------------------------------------

    @Test
    void theEmbedStepsForAutotaskCarryTheAccountsAddressesReadyToCopy() {
        Agent agent = agent(AUTOTASK, "Status");
        Document page = page(agent);
        String base = baseUrl() + "/widgets/" + agent.key();
        assertThat(page.select("#embed-card h2").text()).isEqualTo("Embed the widgets in Autotask");
        assertThat(page.select("#embed-steps > li h3").eachText()).containsExactly("Calendar: HTML dashboard widget",
                "Ticket widget: LiveLink", "Signing in");
        assertThat(copyValues(page)).containsExactly(
                "HTML=<iframe src=\"" + base + "/calendar\" title=\"Horizon calendar\" "
                        + "style=\"width:100%;height:520px;border:0\"></iframe>",
                "Name=Horizon",
                "URL=" + base + "/ticket?ticket=[TicketID]&resource=[ResourceID]",
                "Horizon address=" + baseUrl());
        // Every value has its Copy button (the page's script shows it) and is selectable text without it.
        for (Element field : page.select(".copy-value")) {
            assertThat(field.hasAttr("readonly")).isTrue();
            assertThat(page.select("button.copy[data-copy=" + field.id() + "]")).hasSize(1);
        }
        assertThat(page.select("textarea.copy-value")).hasSize(1);
        assertThat(page.getElementById("frame-ancestor-list").text()).isEqualTo(psaOrigin(AUTOTASK) + ", "
                + baseUrl());
        // The tests set no HORIZON_PUBLIC_URL: the page warns that the addresses name this machine.
        assertThat(page.getElementById("public-url-warning").text()).contains("HORIZON_PUBLIC_URL) is not set");
    }

    @Test
    void theEmbedStepsForConnectWiseNameThePodTheMenuEntryAndTheOrigin() {
        Agent agent = agent(CONNECTWISE, "Status");
        Document page = page(agent);
        String base = baseUrl() + "/widgets/" + agent.key();
        assertThat(page.select("#embed-card h2").text()).isEqualTo("Embed the widgets in ConnectWise PSA");
        assertThat(copyValues(page)).contains("URL=" + base + "/ticket?ticket=[cw_id]", "URL=" + base + "/calendar",
                "Origin=" + baseUrl(), "Screen=Service Tickets");
    }

    @Test
    void thePreviewFramesBothWidgetsOnHorizonsOwnOriginOnlyWhenAsked() {
        Agent agent = agent(AUTOTASK, "Status");
        Document page = page(agent);
        assertThat(page.getElementById("show-preview").text()).isEqualTo("Show preview");
        assertThat(page.select("iframe")).isEmpty();
        HelpdeskTicket newest = mirror.tickets(agent.accountId(), TicketFilter.firstPage(1)
                .ordered(TicketFilter.Order.RECENT_ACTIVITY)).items().get(0);
        assertThat(page.getElementById("preview-ticket").val()).isEqualTo(Long.toString(newest.externalId()));
        assertThat(page.getElementById("preview-form").attr("action")).isEqualTo(PAGE + "#preview-card");

        Document shown = page(agent, PAGE + "?preview=true&ticket=");
        Element calendar = shown.getElementById("preview-calendar");
        assertThat(calendar.attr("src")).isEqualTo("/widgets/" + agent.key() + "/calendar");
        assertThat(calendar.attr("width")).isEqualTo("320");
        assertThat(shown.getElementById("preview-ticket-widget").attr("src"))
                .isEqualTo("/widgets/" + agent.key() + "/ticket?ticket=" + newest.externalId());
        assertThat(page(agent, PAGE + "?preview=true&ticket=4711").getElementById("preview-ticket-widget")
                .attr("src")).isEqualTo("/widgets/" + agent.key() + "/ticket?ticket=4711");

        // What the frames load may be framed by Horizon's own pages.
        HttpResponse<String> framed = send(HttpRequest.newBuilder(URI.create(baseUrl() + calendar.attr("src"))));
        assertThat(framed.statusCode()).isEqualTo(200);
        assertThat(framed.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self' ");
        assertThat(framed.headers().firstValue("X-Frame-Options")).isEmpty();
    }

    @Test
    void onlyAdminsSeeThePageAndTheMenuLinksIt() {
        Agent agent = agent(AUTOTASK, "Status");
        WebSession asAgent = web();
        asAgent.login(agent.user().email(), agent.user().password());
        assertThat(asAgent.get(PAGE).status()).isEqualTo(403);
        assertThat(web().get(PAGE).redirectsTo("/login")).isTrue();

        WebSession admin = admin(agent);
        Element link = admin.get("/admin").html().selectFirst("nav a[href=\"" + PAGE + "\"]");
        assertThat(link).isNotNull();
        assertThat(link.text()).isEqualTo("Helpdesk Widget Status");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The class's agent on the PSA with no widget events left from an earlier case. */
    Agent fresh(SimulatedPsa psa) {
        Agent agent = agent(psa, "Status");
        jdbc.sql("delete from widget_events where account_id = :a").param("a", agent.accountId()).update();
        return agent;
    }

    void seed(Agent agent, String widget, String event, String signIn, Instant at) {
        seed(agent, widget, event, signIn, CHROME, event.equals("render") ? null : "seeded " + event, at);
    }

    void seed(Agent agent, String widget, String event, String signIn, String userAgent, String detail, Instant at) {
        events.insert(agent.accountId(), widget, event, signIn, event.equals("render") ? 300 : null, detail,
                userAgent, at);
    }

    HttpResponse<String> beacon(Agent agent, String json, String userAgent) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/events"))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    WebSession admin(Agent agent) {
        WebSession web = web();
        web.login(agent.account().admin().email(), agent.account().admin().password());
        return web;
    }

    Document page(Agent agent) {
        return page(agent, PAGE);
    }

    Document page(Agent agent, String path) {
        WebSession.Page answer = admin(agent).get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.html();
    }

    static String verdict(Document page) {
        return page.getElementById("health").attr("data-health");
    }

    static String widgetVerdict(Document page, String widget) {
        return page.getElementById("widget-" + widget).attr("data-verdict");
    }

    static List<String> reasons(Document page) {
        return page.select("#reasons li").eachText();
    }

    static List<String> copyValues(Document page) {
        return page.select(".copy-field").stream()
                .map(field -> field.selectFirst("label").text() + "=" + field.selectFirst(".copy-value").val())
                .toList();
    }

    /** A row's cells' text, empty ones included. */
    static List<String> cells(Element row) {
        return row.select("td").stream().map(Element::text).toList();
    }

    static String day(Instant today, int daysAgo) {
        return today.minus(daysAgo, ChronoUnit.DAYS).toString().substring(0, 10);
    }
}
