package horizon.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.configuration.HelpdeskConnectionRepository;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The wizard's pages and their refusals, none of which reach a PSA. */
class OnboardingPagesTest extends HorizonTest {

    @Autowired
    HelpdeskConnectionRepository repository;

    @Test
    void theConnectStepOffersTheConnectablePsasAndListsTheOthersAsComing() {
        WebSession web = signedInAdmin(fixtures().account("Acme"));
        Document page = web.open("/admin/onboarding").html();
        assertThat(page.select("input[name=kind][value=AUTOTASK]").hasAttr("disabled")).isFalse();
        assertThat(page.select("input[name=kind][value=AUTOTASK]").hasAttr("checked")).isTrue();
        assertThat(page.select("input[name=kind][value=CONNECTWISE_MANAGE]").hasAttr("disabled")).isFalse();
        for (String coming : new String[]{"HALOPSA", "ZOHO_DESK"}) {
            assertThat(page.select("input[name=kind][value=" + coming + "]").hasAttr("disabled")).isTrue();
        }
        assertThat(page.select("#psa-choice").text()).contains("ConnectWise PSA", "HaloPSA", "Zoho Desk",
                "coming soon");
        assertThat(page.select("label[for]").eachText()).contains("API Username", "API Secret", "API Integration Code");
        assertThat(page.select("#next").hasAttr("disabled")).isTrue();

        // Choosing another PSA swaps in the fields its connector asks for.
        Document fields = web.open("/admin/onboarding/fields?kind=CONNECTWISE_MANAGE").html();
        assertThat(fields.select("label[for]").eachText()).contains("Company ID", "Public key", "Private key");
        assertThat(fields.select("input[name=privateKey]").attr("type")).isEqualTo("password");
        assertThat(fields.select("select[name=site] option").eachAttr("value")).contains("api-na.myconnectwise.net");
    }

    @Test
    void testingWithBlankFieldsNamesEachOne() {
        WebSession web = signedInAdmin(fixtures().account("Acme"));
        web.open("/admin/onboarding");
        Document result = web.post("/admin/onboarding/test",
                Map.of("kind", "AUTOTASK", "userName", "api@msp.example", "secret", " ", "integrationCode", "")).html();
        assertThat(result.select("#test-result-panel").attr("data-title")).isEqualTo("Credentials incomplete");
        assertThat(result.select("#missing-fields li").eachText())
                .containsExactly("API Secret is empty", "API Integration Code is empty");
        assertThat(result.select("#failure-message").text())
                .isEqualTo("Fill in API Secret and API Integration Code before testing the connection.");
        assertThat(result.select("#next").hasAttr("disabled")).isTrue();
    }

    @Test
    void aComingPsaCannotBeTested() {
        WebSession web = signedInAdmin(fixtures().account("Acme"));
        web.open("/admin/onboarding");
        Document result = web.post("/admin/onboarding/test",
                Map.of("kind", "HALOPSA", "userName", "u", "secret", "s", "integrationCode", "c")).html();
        assertThat(result.select("#test-result-panel").text()).isEqualTo("HaloPSA is coming soon; choose another helpdesk.");
        assertThat(result.select("#next").hasAttr("disabled")).isTrue();
    }

    @Test
    void nextWithoutASuccessfulTestSavesNothingAndDoesNotEchoTheSecret() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = signedInAdmin(acme);
        web.open("/admin/onboarding");
        WebSession.Page answer = web.post("/admin/onboarding/connect", Map.of("kind", "AUTOTASK",
                "userName", "api@msp.example", "secret", "untested-secret-42", "integrationCode", "UNTESTEDCODE"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.html().select("#connect-error").text()).startsWith("Test the connection with these values first");
        assertThat(answer.body()).doesNotContain("untested-secret-42").doesNotContain("UNTESTEDCODE");
        assertThat(answer.html().select("#userName").val()).isEqualTo("api@msp.example");
        assertThat(repository.find(acme.id())).isEmpty();
    }

    @Test
    void theSyncStepNeedsAConnectionFirst() {
        WebSession web = signedInAdmin(fixtures().account("Acme"));
        assertThat(web.get("/admin/onboarding/sync").redirectsTo("/admin/onboarding")).isTrue();
    }

    @Test
    void agentsCannotOpenTheWizardOrTheConfigurationPage() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();
        web.login(acme.agent().email(), acme.agent().password());
        assertThat(web.get("/admin/onboarding").status()).isEqualTo(403);
        assertThat(web.get("/admin/helpdesk/configuration").status()).isEqualTo(403);
    }

    @Test
    void theConfigurationPageWithoutAConnectionPointsToTheWizardAndValidatesSettings() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = signedInAdmin(acme);
        Document page = web.open("/admin/helpdesk/configuration").html();
        assertThat(page.select("#connection-state").text()).contains("not connected");
        assertThat(page.select("#start-onboarding").attr("href")).isEqualTo("/admin/onboarding");
        assertThat(page.select("#ingestWindowDays").val()).isEqualTo("30");
        assertThat(page.select("#pollingIntervalSeconds").val()).isEqualTo("300");

        Document refused = web.post("/admin/helpdesk/configuration/sync-settings",
                Map.of("ingestWindowDays", "0", "pollingIntervalSeconds", "ten")).html();
        assertThat(refused.select("#entities-error").text()).isEqualTo("Choose at least one kind of record to sync.");
        assertThat(refused.select("#ingestWindowDays-error").text())
                .isEqualTo("The ingest window must be between 1 and 3650 days (ten years).");
        assertThat(refused.select("#pollingIntervalSeconds-error").text())
                .isEqualTo("Enter the backup-polling interval as a whole number of seconds.");
        assertThat(refused.select("#pollingIntervalSeconds").val()).isEqualTo("ten");

        WebSession.Page saved = web.post("/admin/helpdesk/configuration/sync-settings",
                Map.of("tickets", "true", "notes", "true", "ingestWindowDays", "14", "pollingIntervalSeconds", "30"));
        assertThat(saved.redirectsTo("/admin/helpdesk/configuration")).isTrue();
        Document after = web.follow(saved).html();
        assertThat(after.select("#message").text()).isEqualTo("Sync settings saved.");
        assertThat(after.select("input[name=tickets]").hasAttr("checked")).isTrue();
        assertThat(after.select("input[name=companies]").hasAttr("checked")).isFalse();
        assertThat(after.select("#ingestWindowDays").val()).isEqualTo("14");
    }

    private WebSession signedInAdmin(TestAccount account) {
        WebSession web = web();
        web.login(account.admin().email(), account.admin().password());
        return web;
    }
}
