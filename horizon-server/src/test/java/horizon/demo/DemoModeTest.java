package horizon.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.HelpdeskUser;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Demo mode starts the simulator, prepares the demo account and prints credentials that actually work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "horizon.demo.enabled=true",
        "horizon.demo.simulator-port=0",
        "horizon.demo.activity-per-minute=0",
        "spring.datasource.url=jdbc:h2:mem:demo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1",
        "horizon.master-key=" + HorizonTest.MASTER_KEY,
        "db-scheduler.polling-interval=1s"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoModeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    @Qualifier(DemoSimulator.BEAN_NAME)
    AutotaskSimulator simulator;
    @Autowired
    @Qualifier(DemoSimulator.CONNECTWISE_BEAN_NAME)
    ConnectWiseSimulator connectWise;
    @Autowired
    PreparingDemoAccount demoAccount;
    @Autowired
    MirrorQueries mirror;
    @Autowired
    MappingHelpdeskUsers mappings;

    /** First: it reads the banner printed at start-up, whose credentials later cases retire. */
    @Test
    @Order(1)
    void theBannerPrintsWorkingCredentialsForHorizonAndBothSimulatedPsas(CapturedOutput output) throws Exception {
        String banner = output.getOut();
        String password = field(banner, "Password:");
        String token = field(banner, "API token:");
        ApiUser autotask = simulator.apiUser();
        assertThat(field(banner, "API Username:")).isEqualTo(autotask.userName());
        assertThat(field(banner, "API Secret:")).isEqualTo(autotask.secret());
        assertThat(field(banner, "API Integration Code:")).isEqualTo(autotask.integrationCode());
        assertThat(banner).contains("Horizon demo is running: http://localhost:" + port);
        assertThat(field(banner, "Company ID:")).isEqualTo(connectWise.apiMember().companyId());
        assertThat(field(banner, "Public key:")).isEqualTo(connectWise.apiMember().publicKey());
        assertThat(field(banner, "Private key:")).isEqualTo(connectWise.apiMember().privateKey());
        assertThat(environment.getProperty("horizon.connectwise.client-id")).isEqualTo(connectWise.clientId());
        assertThat(environment.getProperty("horizon.autotask.discovery-url"))
                .isEqualTo(simulator.zones().get(0).apiUrl().toLowerCase(Locale.ROOT));

        WebSession web = new WebSession("http://localhost:" + port);
        assertThat(web.login(PreparingDemoAccount.ADMIN_EMAIL, password).redirectsTo("/login")).isFalse();
        assertThat(web.open("/admin").html().select("#account-name").text()).isEqualTo("Demo MSP");
        assertThat(me(token).statusCode()).isEqualTo(200);
        assertThat(me(token).body()).contains(PreparingDemoAccount.ADMIN_EMAIL);

        // The printed Autotask credentials pass the wizard's Test Connection against the simulator.
        web.open("/admin/onboarding");
        WebSession.Page tested = web.post("/admin/onboarding/test", Map.of("kind", "AUTOTASK",
                "userName", autotask.userName(), "secret", autotask.secret(),
                "integrationCode", autotask.integrationCode()));
        assertThat(tested.html().select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");
        assertThat(tested.html().select("#zone-api-url").text()).isEqualToIgnoringCase(autotask.zoneApiUrl());

        // So do the printed ConnectWise credentials, with the site and host as printed.
        WebSession.Page connectWiseTested = web.post("/admin/onboarding/test", Map.of("kind", "CONNECTWISE_MANAGE",
                "site", "onpremise", "host", field(banner, "On-premise host:"),
                "companyId", field(banner, "Company ID:"), "publicKey", field(banner, "Public key:"),
                "privateKey", field(banner, "Private key:")));
        assertThat(connectWiseTested.html().select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");

        // A restart prints a new password and token and retires the old ones; the account stays one.
        demoAccount.prepare();
        String later = output.getOut().substring(banner.length());
        assertThat(me(token).statusCode()).isEqualTo(401);
        assertThat(me(field(later, "API token:")).statusCode()).isEqualTo(200);
        assertThat(new WebSession("http://localhost:" + port).login(PreparingDemoAccount.ADMIN_EMAIL, password)
                .redirectsTo("/login")).isTrue();
        assertThat(new WebSession("http://localhost:" + port)
                .login(PreparingDemoAccount.ADMIN_EMAIL, field(later, "Password:")).redirectsTo("/login")).isFalse();
        assertThat(output.getOut()).doesNotContain("/setup?token=");
    }

    @Test
    @Order(2)
    void connectingTheDemosAutotaskRegistersWebhooksThatBringANewTicketIn(CapturedOutput output) throws Exception {
        demoAccount.prepare();
        String banner = output.getOut().substring(output.getOut().lastIndexOf("Horizon demo is running"));
        String token = field(banner, "API token:");
        ApiUser autotask = simulator.apiUser();
        WebSession web = new WebSession("http://localhost:" + port);
        assertThat(web.login(PreparingDemoAccount.ADMIN_EMAIL, field(banner, "Password:")).redirectsTo("/login"))
                .isFalse();
        web.open("/admin/onboarding");
        Map<String, String> fields = Map.of("kind", "AUTOTASK", "userName", autotask.userName(),
                "secret", autotask.secret(), "integrationCode", autotask.integrationCode());
        assertThat(web.post("/admin/onboarding/test", fields).html().select("#test-result-panel")
                .attr("data-outcome")).isEqualTo("OK");
        assertThat(web.post("/admin/onboarding/connect", fields).redirectsTo("/admin/onboarding/sync")).isTrue();

        // No setup beyond Connect: the demo's public URL is one the simulator can call.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode status = JSON.readTree(api("/api/v1/callbacks/status", token).body());
            return status.path("webhooks").size() == 4 && java.util.stream.StreamSupport
                    .stream(status.path("webhooks").spliterator(), false).allMatch(h -> h.path("active").asBoolean());
        });
        long ticketId = simulator.control().createTicket(Map.of("title", "Demo callback arrives"));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> JSON.readTree(
                api("/api/v1/callbacks?externalId=" + ticketId + "&state=PROCESSED", token).body())
                .path("total").asLong() > 0);
        assertThat(JSON.readTree(api("/api/v1/tickets/" + ticketId, token).body()).path("title").asString())
                .isEqualTo("Demo callback arrives");
    }

    /** After the Connect of the case before: the seed's two-minute check, run by Horizon against the demo's PSA. */
    @Test
    @Order(3)
    void theSmokeTestPassesAgainstTheDemosAutotask(CapturedOutput output) throws Exception {
        String banner = output.getOut().substring(output.getOut().lastIndexOf("Horizon demo is running"));
        String token = field(banner, "API token:");
        long accountId = JSON.readTree(api("/api/v1/me", token).body()).path("accountId").asLong();
        long adminId = JSON.readTree(api("/api/v1/me", token).body()).path("userId").asLong();
        // The wizard's last step, which the case before left open: the sync settings; the backfill follows.
        WebSession web = new WebSession("http://localhost:" + port);
        assertThat(web.login(PreparingDemoAccount.ADMIN_EMAIL, field(banner, "Password:")).redirectsTo("/login"))
                .isFalse();
        web.open("/admin/onboarding/sync");
        Map<String, String> settings = new java.util.HashMap<>(Map.of("tickets", "true", "companies", "true",
                "contacts", "true", "helpdeskUsers", "true", "notes", "true", "timeEntries", "true"));
        settings.put("ingestWindowDays", "30");
        settings.put("pollingIntervalSeconds", "300");
        assertThat(web.post("/admin/onboarding/sync", settings).redirectsTo("/admin/helpdesk/configuration"))
                .isTrue();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> !mirror.helpdeskUsers(accountId, true).isEmpty());
        // Completing the test ticket from Horizon is an agent action: the admin is mapped first, as the page says.
        HelpdeskUser resource = mirror.helpdeskUsers(accountId, true).stream().filter(u -> !u.roles().isEmpty())
                .findFirst().orElseThrow();
        mappings.bind(accountId, resource.externalId(), adminId, adminId);

        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/helpdesk/smoke-test"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String path = "/api/v1/helpdesk/smoke-test/" + JSON.readTree(started.body()).path("id").asLong();
        JsonNode test = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(api(path, token).body()), t -> !t.path("state").asString()
                        .equals("RUNNING"));
        assertThat(test.path("state").asString()).as(test.toString()).isEqualTo("PASSED");
        assertThat(test.path("steps")).hasSize(4)
                .allSatisfy(step -> assertThat(step.path("state").asString()).isEqualTo("PASSED"));
        long ticketId = test.path("ticketId").asLong();
        assertThat(simulator.control().get("Tickets", ticketId).orElseThrow().path("title").asString())
                .startsWith("Horizon smoke test");
    }

    private HttpResponse<String> api(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> me(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/me")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String text, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + " +(\\S+)").matcher(text);
        assertThat(matcher.find()).as("%s in the banner", label).isTrue();
        return matcher.group(1);
    }
}
