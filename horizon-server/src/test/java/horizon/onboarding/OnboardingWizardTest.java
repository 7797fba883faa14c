package horizon.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.configuration.HelpdeskConnectionRepository;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.SecurityLevel;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.WebSession;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The wizard over HTTP against the simulator: every Test Connection verdict, Next, and where secrets end up. */
class OnboardingWizardTest extends SimulatorBackedTest {

    @Autowired
    HelpdeskConnectionRepository repository;

    @Test
    void aFailedTestThenASuccessThenNextStoresTheConnectionSealed() {
        TestAccount acme = fixtures().account("Acme");
        ApiUser user = apiUser();
        WebSession web = signedInAdmin(acme);
        web.open("/admin/onboarding");

        Document failed = test(web, user.userName(), "wrong-secret", user.integrationCode());
        assertThat(failed.select("#test-result-panel").attr("data-title")).isEqualTo("Secret wrong");
        assertThat(failed.select("#failure-title").text()).isEqualTo("Secret wrong");
        assertThat(failed.select("#next").hasAttr("disabled")).isTrue();

        WebSession.Page passed = web.post("/admin/onboarding/test", fields(user.userName(), user.secret(),
                user.integrationCode()));
        Document ok = passed.html();
        assertThat(ok.select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");
        assertThat(ok.select("#zone-name").text()).isEqualTo("America East 2");
        assertThat(ok.select("#zone-api-url").text()).isEqualTo(user.zoneApiUrl());
        assertThat(ok.select("#resource").text()).contains("resource " + user.resourceId());
        assertThat(ok.select("#next").hasAttr("disabled")).isFalse();
        assertThat(passed.body()).doesNotContain(user.secret()).doesNotContain(user.integrationCode());

        WebSession.Page next = web.post("/admin/onboarding/connect", fields(user.userName(), user.secret(),
                user.integrationCode()));
        assertThat(next.redirectsTo("/admin/onboarding/sync")).isTrue();
        var stored = repository.find(acme.id()).orElseThrow();
        assertThat(stored.zone().apiUrl()).isEqualTo(user.zoneApiUrl());
        assertThat(stored.resource().id()).isEqualTo(user.resourceId());
        assertThat(stored.lastTestOk()).isTrue();
        String row = jdbc.sql("select * from helpdesk_connections where account_id = :a").param("a", acme.id())
                .query().singleRow().values().toString();
        assertThat(row).doesNotContain(user.secret()).doesNotContain(user.integrationCode())
                .doesNotContain(user.userName());

        WebSession.Page syncStep = web.follow(next);
        assertThat(syncStep.html().select("#ingestWindowDays").val()).isEqualTo("30");
        Document refused = web.post("/admin/onboarding/sync", Map.of("tickets", "true", "ingestWindowDays", "4000",
                "pollingIntervalSeconds", "10")).html();
        assertThat(refused.select("#ingestWindowDays-error").text()).contains("between 1 and 3650 days");
        assertThat(refused.select("#pollingIntervalSeconds-error").text()).contains("at least 30 seconds");

        WebSession.Page saved = web.post("/admin/onboarding/sync", Map.of("tickets", "true", "companies", "true",
                "contacts", "true", "ingestWindowDays", "60", "pollingIntervalSeconds", "120"));
        assertThat(saved.redirectsTo("/admin/helpdesk/configuration")).isTrue();
        WebSession.Page config = web.follow(saved);
        Document page = config.html();
        assertThat(page.select("#message").text()).isEqualTo("Connected, and sync settings saved.");
        assertThat(page.select("#masked-userName").text()).isEqualTo(user.userName().substring(0, 4) + "••••");
        assertThat(page.select("#masked-secret").text()).isEqualTo("••••••• (set)");
        assertThat(page.select("#masked-integrationCode").text()).isEqualTo("••••••• (set)");
        assertThat(page.select("#zone-name").text()).isEqualTo("America East 2");
        assertThat(page.select("#budget-reading").text()).contains("of 10000 requests used");
        assertThat(page.select("#ingestWindowDays").val()).isEqualTo("60");
        assertThat(config.body()).doesNotContain(user.secret()).doesNotContain(user.integrationCode())
                .doesNotContain(user.userName());

        String api = apiGet("/api/v1/helpdesk/connection", acme.admin().token()).body();
        assertThat(api).contains("\"state\":\"CONNECTED\"").contains("America East 2")
                .doesNotContain(user.secret()).doesNotContain(user.integrationCode()).doesNotContain(user.userName());
    }

    @Test
    void eachFailureIsNamedOnTheConnectStep() {
        ApiUser user = apiUser();
        ApiUser limited = simulator().addApiUser("limited-" + System.nanoTime() + "@horizon-sim.example",
                SecurityLevel.NO_ENTITY_ACCESS);
        WebSession web = signedInAdmin(fixtures().account("Acme"));
        web.open("/admin/onboarding");

        Document unknown = test(web, "nobody@nowhere.example", "s", "c");
        assertThat(unknown.select("#test-result-panel").attr("data-title")).isEqualTo("API user not found");
        assertThat(unknown.select("#failure-message").text()).contains("no zone was found")
                .contains("Zone information could not be determined");

        Document code = test(web, user.userName(), user.secret(), "NOT-OUR-CODE");
        assertThat(code.select("#test-result-panel").attr("data-title")).isEqualTo("Integration code rejected");
        assertThat(code.select("#failure-title").text()).isEqualTo("Integration code rejected");

        Document permission = test(web, limited.userName(), limited.secret(), limited.integrationCode());
        assertThat(permission.select("#test-result-panel").attr("data-title")).isEqualTo("Permission missing");
        assertThat(permission.select("#fix-steps li").eachText())
                .anySatisfy(s -> assertThat(s).contains("API User (system)"))
                .anySatisfy(s -> assertThat(s).contains("Can login to Web Services API"));

        try {
            // More 429s than the rate gate retries (once, in these tests): the test reports the limit.
            simulator().control().burst429(10);
            Document limitedRate = test(web, user.userName(), user.secret(), user.integrationCode());
            assertThat(limitedRate.select("#test-result-panel").attr("data-outcome")).isEqualTo("RATE_LIMITED");
            simulator().control().burst429(0);
            simulator().control().setErrorRate(500, 1.0);
            Document psaError = test(web, user.userName(), user.secret(), user.integrationCode());
            assertThat(psaError.select("#test-result-panel").attr("data-title")).isEqualTo("Helpdesk error");
            assertThat(psaError.select("#failure-message").text()).contains("An unexpected error has occurred");
        } finally {
            simulator().control().clearFaults();
        }
    }

    @Test
    void nextWithValuesOtherThanTheTestedOnesIsRefused() {
        TestAccount acme = fixtures().account("Acme");
        ApiUser user = apiUser();
        WebSession web = signedInAdmin(acme);
        web.open("/admin/onboarding");
        assertThat(test(web, user.userName(), user.secret(), user.integrationCode())
                .select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");
        WebSession.Page answer = web.post("/admin/onboarding/connect", fields(user.userName(), "edited-after-test",
                user.integrationCode()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.html().select("#connect-error").text()).startsWith("Test the connection with these values");
        assertThat(answer.body()).doesNotContain("edited-after-test");
        assertThat(repository.find(acme.id())).isEmpty();
    }

    @Test
    void theConfigurationPageTestsAgainAndReplacesCredentialsOnlyAfterASuccessfulTest() {
        TestAccount acme = fixtures().account("Acme");
        ApiUser user = apiUser();
        WebSession web = signedInAdmin(acme);
        connect(web, user);
        var connectedAt = repository.find(acme.id()).orElseThrow().lastSuccessAt();

        try {
            simulator().control().setErrorRate(500, 1.0);
            Document failing = web.follow(web.post("/admin/helpdesk/configuration/test", Map.of())).html();
            assertThat(failing.select("#connection-state").text()).contains("last test failed");
            assertThat(failing.select("#test-result-panel").attr("data-title")).isEqualTo("Helpdesk error");
            assertThat(failing.select("#last-test-error").text()).contains("HTTP 500");
        } finally {
            simulator().control().clearFaults();
        }
        assertThat(repository.find(acme.id()).orElseThrow().lastSuccessAt()).isEqualTo(connectedAt);

        Document healthy = web.follow(web.post("/admin/helpdesk/configuration/test", Map.of())).html();
        assertThat(healthy.select("#connection-state").text()).contains("connected");
        assertThat(healthy.select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");

        ApiUser second = simulator().addApiUser("second-" + System.nanoTime() + "@horizon-sim.example",
                SecurityLevel.API_WEBHOOK);
        WebSession.Page refused = web.post("/admin/helpdesk/configuration/credentials",
                fields(second.userName(), "not-its-secret", second.integrationCode()));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.html().select("#replace-credentials #test-result-panel").attr("data-title"))
                .isEqualTo("Secret wrong");
        assertThat(refused.body()).doesNotContain("not-its-secret").doesNotContain(second.userName());
        assertThat(repository.find(acme.id()).orElseThrow().resource().id()).isEqualTo(user.resourceId());

        WebSession.Page replaced = web.post("/admin/helpdesk/configuration/credentials",
                fields(second.userName(), second.secret(), second.integrationCode()));
        assertThat(replaced.redirectsTo("/admin/helpdesk/configuration")).isTrue();
        assertThat(web.follow(replaced).html().select("#message").text()).isEqualTo("New credentials tested and saved.");
        assertThat(repository.find(acme.id()).orElseThrow().resource().id()).isEqualTo(second.resourceId());
    }

    @Test
    void anotherAccountSeesNeitherTheConnectionNorItsSettings() {
        TestAccount acme = fixtures().account("Acme");
        TestAccount globex = fixtures().account("Globex");
        connect(signedInAdmin(acme), apiUser());

        WebSession globexWeb = signedInAdmin(globex);
        assertThat(globexWeb.open("/admin/helpdesk/configuration").html().select("#connection-state").text())
                .contains("not connected");
        assertThat(globexWeb.post("/admin/helpdesk/configuration/test", Map.of()).redirectsTo(
                "/admin/helpdesk/configuration")).isTrue();
        assertThat(repository.find(globex.id())).isEmpty();
        assertThat(apiGet("/api/v1/helpdesk/connection", globex.admin().token()).body())
                .contains("\"connected\":false").doesNotContain("America East 2");
    }

    private void connect(WebSession web, ApiUser user) {
        web.open("/admin/onboarding");
        assertThat(test(web, user.userName(), user.secret(), user.integrationCode())
                .select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");
        assertThat(web.post("/admin/onboarding/connect", fields(user.userName(), user.secret(), user.integrationCode()))
                .redirectsTo("/admin/onboarding/sync")).isTrue();
    }

    private static Document test(WebSession web, String userName, String secret, String code) {
        return web.post("/admin/onboarding/test", fields(userName, secret, code)).html();
    }

    private static Map<String, String> fields(String userName, String secret, String code) {
        return Map.of("kind", "AUTOTASK", "userName", userName, "secret", secret, "integrationCode", code);
    }

    private WebSession signedInAdmin(TestAccount account) {
        WebSession web = web();
        web.login(account.admin().email(), account.admin().password());
        return web;
    }
}
