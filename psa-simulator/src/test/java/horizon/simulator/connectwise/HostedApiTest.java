package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.simulator.connectwise.hosted.HostedApiSetup;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.JsonHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Manage Hosted API side of the simulated ConnectWise: setup records through the control API and the Java API,
 * the Service Tickets and Custom Menu screens that frame them, and confirming a screen's memberHash through
 * {@code system/myAccount}.
 */
class HostedApiTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
    private static final Pattern CONFIG = Pattern.compile(
            "<script type=\"application/json\" id=\"cw-hosted-config\">(.*?)</script>", Pattern.DOTALL);
    private static ConnectWiseSimulator sim;
    private static CwClient control;
    private static CwClient api;
    private static CwClient web;
    private static String technician;
    private static long ticket;

    @BeforeAll
    static void start() {
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(3, 6, 4, 10, 1)), CLOCK);
        control = new CwClient(sim.controlUrl());
        api = CwClient.of(sim);
        web = new CwClient(sim.siteUrl());
        technician = member(sim.control().technicians().get(0)).get("identifier").asString();
        ticket = sim.control().createTicket(Map.of("summary", "Printer offline"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void removeSetups() {
        sim.control().hostedApiSetups().forEach(s -> sim.control().deleteHostedApiSetup(s.id()));
    }

    @Test
    void setupRecordsAreAddedListedReadAndDeletedThroughTheControlApi() {
        CwClient.Response added = control.post("hosted-apis", Map.of("description", "Horizon", "screen", "ServiceTicket",
                "url", "https://horizon.example:8443/widgets/k1/ticket?ticket=[cw_id]&screen=[cw_screen]",
                "origin", "HTTPS://Horizon.Example:8443/", "podHeight", 420));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        long id = added.json().get("id").asLong();
        assertThat(added.json().get("screen").asString()).isEqualTo("ServiceTicket");
        assertThat(added.json().get("origin").asString()).isEqualTo("https://horizon.example:8443");
        assertThat(added.json().get("podHeight").asInt()).isEqualTo(420);

        CwClient.Response menu = control.post("hosted-apis", Map.of("description", "Calendar", "screen", "CustomMenu",
                "url", "http://127.0.0.1:9000/widgets/k1/calendar", "origin", "http://127.0.0.1:9000"));
        assertThat(menu.json().get("podHeight").asInt()).isEqualTo(HostedApiSetup.DEFAULT_POD_HEIGHT);
        assertThat(control.get("hosted-apis").json().size()).isEqualTo(2);
        assertThat(control.get("hosted-apis/" + id).json().get("description").asString()).isEqualTo("Horizon");
        assertThat(sim.control().hostedApiSetups()).extracting(HostedApiSetup::id)
                .containsExactly(id, menu.json().get("id").asLong());

        assertThat(control.delete("hosted-apis/" + id).json().get("deleted").asLong()).isEqualTo(id);
        assertThat(control.get("hosted-apis/" + id).status()).isEqualTo(404);
        assertThat(control.delete("hosted-apis/" + id).status()).isEqualTo(404);
        assertThat(control.get("hosted-apis").json().size()).isEqualTo(1);
        assertThat(control.get("").json().get("pages").get("ticket").asString())
                .isEqualTo(sim.siteUrl() + "hosted/tickets/{ticketId}?member={memberIdentifier}");
    }

    @Test
    void setupRecordsThatCannotWorkAreRefused() {
        Map<String, Object> good = Map.of("description", "Horizon", "screen", "ServiceTicket",
                "url", "https://horizon.example/w", "origin", "https://horizon.example");
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("screen", "CompanyDetail", "url", "javascript:alert(1)",
                "origin", "*", "description", " ", "podHeight", 0).entrySet()) {
            Map<String, Object> body = new HashMap<>(good);
            body.put(bad.getKey(), bad.getValue());
            CwClient.Response refused = control.post("hosted-apis", body);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).as(bad.toString()).contains(bad.getKey());
        }
        assertThatThrownBy(() -> sim.control().addHostedApiSetup("Horizon", HostedApiSetup.Screen.SERVICE_TICKET,
                "https://horizon.example/w", "https://horizon.example/widgets")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.control().addHostedApiSetup("Horizon", HostedApiSetup.Screen.SERVICE_TICKET,
                "/relative", "https://horizon.example")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.control().hostedApiSetups()).isEmpty();
    }

    @Test
    void theTicketScreenFramesEveryServiceTicketPodWithItsTokensFilledIn() {
        HostedApiSetup pod = sim.control().addHostedApiSetup("Horizon", HostedApiSetup.Screen.SERVICE_TICKET,
                "http://127.0.0.1:9000/widgets/k1/ticket?ticket=[cw_id]&screen=[cw_screen]", "http://127.0.0.1:9000");
        HostedApiSetup second = sim.control().addHostedApiSetup("Other tool", HostedApiSetup.Screen.SERVICE_TICKET,
                "https://tool.example/pod/[CW_ID]", "https://tool.example", 150);
        sim.control().addHostedApiSetup("Calendar", HostedApiSetup.Screen.CUSTOM_MENU,
                "http://127.0.0.1:9000/widgets/k1/calendar", "http://127.0.0.1:9000");

        CwClient.Response page = web.get(sim.ticketPageUrl(ticket, technician));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).isNull();
        assertThat(page.header("X-Frame-Options")).isNull();
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        String html = page.text();
        assertThat(html).contains("<iframe class=\"pod\" id=\"cw-pod-" + pod.id() + "\"")
                .contains("src=\"http://127.0.0.1:9000/widgets/k1/ticket?ticket=" + ticket + "&amp;screen=ServiceTicket\"")
                .contains("style=\"height:300px\"")
                .contains("id=\"cw-pod-" + second.id() + "\"")
                .contains("src=\"https://tool.example/pod/" + ticket + "\"")
                .contains("style=\"height:150px\"")
                .doesNotContain("calendar");
        ObjectNode member = member(sim.control().technicians().get(0));
        assertThat(html).contains("ConnectWise PSA")
                .contains(escaped(member.get("firstName").asString() + " " + member.get("lastName").asString()))
                .contains("Service Ticket #" + ticket + " &ndash; Printer offline");

        JsonNode config = config(html);
        assertThat(config.get("onLoad").toString())
                .isEqualTo("{\"screen\":\"ticket\",\"id\":" + ticket + ",\"hostedAs\":\"pod\"}");
        assertThat(config.get("frames")).extracting(f -> f.get("frameId").asString() + " " + f.get("origin").asString())
                .containsExactly("cw-pod-" + pod.id() + " http://127.0.0.1:9000",
                        "cw-pod-" + second.id() + " https://tool.example");
        JsonNode auth = config.get("member");
        assertThat(auth.get("site").asString()).isEqualTo("127.0.0.1:" + sim.port());
        assertThat(auth.get("companyid").asString()).isEqualTo(sim.apiMember().companyId());
        assertThat(auth.get("memberid").asString()).isEqualTo(technician);
        assertThat(auth.get("memberEmail").asString()).isEqualTo(member.get("primaryEmail").asString());
        assertThat(auth.get("memberHash").asString()).hasSize(43);
        assertThat(auth.get("memberContext").asString()).isNotBlank();
        assertThat(config(web.get(sim.ticketPageUrl(ticket, technician)).text()).get("member").get("memberHash")
                .asString()).as("a fresh hash on every load").isNotEqualTo(auth.get("memberHash").asString());

        CwClient.Response summary = web.get("hosted/tickets/" + ticket + "/summary?member=" + technician);
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.text()).startsWith("<h1 id=\"ticket-title\">").doesNotContain("<body");
    }

    @Test
    void theCustomMenuScreenFramesItsRecordAlone() {
        HostedApiSetup menu = sim.control().addHostedApiSetup("Calendar", HostedApiSetup.Screen.CUSTOM_MENU,
                "http://127.0.0.1:9000/widgets/k1/calendar?from=[cw_screen]&id=[cw_id]", "http://127.0.0.1:9000", 600);
        HostedApiSetup pod = sim.control().addHostedApiSetup("Horizon", HostedApiSetup.Screen.SERVICE_TICKET,
                "http://127.0.0.1:9000/widgets/k1/ticket?ticket=[cw_id]", "http://127.0.0.1:9000");

        CwClient.Response page = web.get(sim.menuPageUrl(menu.id(), technician));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<iframe class=\"pod\" id=\"cw-menu-" + menu.id() + "\"")
                .contains("src=\"http://127.0.0.1:9000/widgets/k1/calendar?from=CustomMenu&amp;id=\"")
                .contains("style=\"height:600px\"").doesNotContain("cw-pod-");
        JsonNode config = config(page.text());
        assertThat(config.get("onLoad").toString()).isEqualTo("{\"screen\":\"menu\",\"hostedAs\":\"menu\"}");
        assertThat(config.get("summaryUrl").isNull()).isTrue();

        assertThat(web.get(sim.menuPageUrl(pod.id(), technician)).status()).as("a pod is no menu entry").isEqualTo(404);
        assertThat(web.get(sim.menuPageUrl(9999, technician)).status()).isEqualTo(404);
    }

    @Test
    void hostileValuesAreEscaped() {
        String hostile = "<script>alert(\"x\")</script> & 'q'";
        long evil = sim.control().createTicket(Map.of("summary", hostile));
        HostedApiSetup pod = sim.control().addHostedApiSetup("\"><img src=x onerror=alert(1)>",
                HostedApiSetup.Screen.SERVICE_TICKET, "https://horizon.example/t?a=1&b='[cw_id]'", "https://horizon.example");

        String html = web.get(sim.ticketPageUrl(evil, technician)).text();
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("src=\"https://horizon.example/t?a=1&amp;b=&#39;" + evil + "&#39;\"");
        assertThat(web.get("hosted/tickets/" + evil + "/summary?member=" + technician).text())
                .doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(config(html).get("frames").get(0).get("frameId").asString()).isEqualTo("cw-pod-" + pod.id());

        CwClient.Response unknown = web.get("hosted/tickets/" + evil + "?member=%3Cb%3Eboss%3C%2Fb%3E");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("&lt;b&gt;boss&lt;/b&gt;").doesNotContain("<b>boss");
    }

    @Test
    void screensRefuseWhoCannotLogInAndWhatDoesNotExist() {
        assertThat(web.get(sim.ticketPageUrl(ticket, "nosuchmember")).status()).isEqualTo(404);
        assertThat(web.get("hosted/tickets/" + ticket).status()).isEqualTo(400);
        long inactive = sim.control().records(Kind.MEMBERS).stream().filter(m -> m.get("inactiveFlag").asBoolean())
                .findFirst().orElseThrow().get("id").asLong();
        assertThat(web.get(sim.ticketPageUrl(ticket, member(inactive).get("identifier").asString())).status())
                .isEqualTo(403);
        assertThat(web.get(sim.ticketPageUrl(ticket, sim.apiMember().memberIdentifier())).status()).isEqualTo(403);
        assertThat(web.get(sim.ticketPageUrl(99_999_999, technician)).status()).isEqualTo(404);
        assertThat(web.get("hosted/nothing?member=" + technician).status()).isEqualTo(404);
        assertThat(web.post(sim.ticketPageUrl(ticket, technician), Map.of()).status()).isEqualTo(405);
        // identifiers match ignoring case, as Manage's login does
        assertThat(web.get(sim.ticketPageUrl(ticket, technician.toUpperCase(Locale.ROOT))).status()).isEqualTo(200);
    }

    @Test
    void aScreensMemberHashConfirmsItsMemberThroughMyAccount() {
        String hash = config(web.get(sim.ticketPageUrl(ticket, technician)).text()).get("member").get("memberHash")
                .asString();
        CwClient.Response account = memberCall(hash).get("system/myAccount");
        assertThat(account.status()).as(account.text()).isEqualTo(200);
        assertThat(account.header("Content-Type")).startsWith("application/vnd.connectwise.com+json");
        ObjectNode member = member(sim.control().technicians().get(0));
        for (String field : new String[] {"id", "identifier", "firstName", "lastName", "primaryEmail", "inactiveFlag"}) {
            assertThat(account.json().get(field).toString()).as(field).isEqualTo(member.get(field).toString());
        }

        long other = sim.control().technicians().get(1);
        CwClient.Response minted = memberCall(sim.control().mintMemberHash(other)).get("system/myAccount");
        assertThat(minted.json().get("id").asLong()).isEqualTo(other);
        String byIdentifier = sim.control().mintMemberHash(member(other).get("identifier").asString().toUpperCase(Locale.ROOT));
        assertThat(memberCall(byIdentifier).get("SYSTEM/MYACCOUNT").json().get("id").asLong()).isEqualTo(other);

        CwClient.Response overHttp = control.post("member-hashes", Map.of("memberIdentifier", technician));
        assertThat(overHttp.json().get("expiresAt").asString()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)).toString());
        assertThat(memberCall(overHttp.json().get("memberHash").asString()).get("system/myAccount").json()
                .get("identifier").asString()).isEqualTo(technician);
    }

    @Test
    void anUnknownOrExpiredHashIs401() {
        assertUnauthorized(memberCall("not-a-hash").get("system/myAccount"));
        assertUnauthorized(api.header("x-cw-usertype", "member").get("system/myAccount"));
        String hash = sim.control().mintMemberHash(technician);
        assertUnauthorized(api.header("x-cw-memberhash", hash).get("system/myAccount"));
        assertUnauthorized(memberCall(hash).header("x-cw-usertype", "integrator").get("system/myAccount"));

        assertThat(memberCall(hash).get("system/myAccount").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(memberCall(hash).get("system/myAccount").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(1));
        assertUnauthorized(memberCall(hash).get("system/myAccount"));

        String another = sim.control().mintMemberHash(technician);
        assertThat(memberCall(another).get("system/myAccount").status()).isEqualTo(200);
        sim.control().expireMemberHashes();
        assertUnauthorized(memberCall(another).get("system/myAccount"));
        String third = sim.control().mintMemberHash(technician);
        control.delete("member-hashes");
        assertUnauthorized(memberCall(third).get("system/myAccount"));
    }

    @Test
    void myAccountKeepsTheApisAuthAndLimits() {
        String hash = sim.control().mintMemberHash(technician);
        CwClient.Response noKeys = memberCall(hash).header("Authorization", CwClient.basic("horizonsim+nope:nope"))
                .get("system/myAccount");
        assertThat(noKeys.status()).isEqualTo(401);
        assertThat(noKeys.json().get("message").asString()).isEqualTo("Password and username combination was incorrect.");
        assertThat(memberCall(hash).header("clientId", null).get("system/myAccount").json().get("code").asString())
                .isEqualTo("InvalidClientId");

        CwClient.Response without = api.get("system/myAccount");
        assertThat(without.status()).as("without the member headers, as before: not served").isEqualTo(404);
        assertThat(without.json().get("message").asString()).isEqualTo("The endpoint does not exist.");
        assertThat(memberCall(hash).post("system/myAccount", Map.of()).status()).isEqualTo(405);

        long before = sim.control().counters().get("requests").path("system/myAccount").path("200").asLong();
        assertThat(memberCall(hash).get("system/myAccount").status()).isEqualTo(200);
        assertThat(sim.control().counters().get("requests").get("system/myAccount").get("200").asLong())
                .isEqualTo(before + 1);
        CLOCK.advance(Duration.ofMinutes(2)); // a fresh per-minute window
        sim.control().setRequestsPerMinute(1);
        try {
            assertThat(memberCall(hash).get("system/myAccount").status()).isEqualTo(200);
            CwClient.Response limited = memberCall(hash).get("system/myAccount");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
        } finally {
            sim.control().setRequestsPerMinute(1000);
        }
    }

    private static CwClient memberCall(String hash) {
        return api.header("x-cw-usertype", "member").header("x-cw-memberhash", hash);
    }

    private static void assertUnauthorized(JsonHttpClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("Unauthorized");
        assertThat(response.json().get("message").asString()).isEqualTo("The member hash is not valid or has expired.");
        assertThat(response.json().get("errors").isNull()).isTrue();
    }

    private static JsonNode config(String html) {
        Matcher matcher = CONFIG.matcher(html);
        assertThat(matcher.find()).as("the screen's configuration").isTrue();
        return JsonHttpClient.JSON.readTree(matcher.group(1));
    }

    private static ObjectNode member(long id) {
        return sim.control().get(Kind.MEMBERS, id).orElseThrow();
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A clock the test moves, to let a memberHash's hour run out. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
