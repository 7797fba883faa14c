package horizon.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.autotask.ApiUser;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** An admin walks the wizard in Chromium against the simulator; screenshots land in target/screenshots/. */
class OnboardingBrowserTest extends SimulatorBackedTest {

    @Test
    void theAdminFailsOnceThenConnectsChoosesSettingsAndSeesTheMaskedConnection() {
        TestAccount acme = fixtures().account("Acme");
        ApiUser user = apiUser();
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/admin/onboarding");
            assertThat(browser.find(By.id("psa-choice")).getText()).contains("Autotask", "ConnectWise PSA",
                    "HaloPSA", "Zoho Desk", "coming soon");
            assertThat(browser.find(By.cssSelector("input[value=HALOPSA]")).isEnabled()).isFalse();

            browser.type(By.id("userName"), user.userName())
                    .type(By.id("secret"), "a-wrong-secret")
                    .type(By.id("integrationCode"), user.integrationCode())
                    .click(By.id("test-connection"));
            browser.until(outcome("AUTHENTICATION"));
            assertThat(browser.find(By.id("failure-title")).getText()).isEqualTo("Secret wrong");
            assertThat(browser.find(By.id("failure-message")).getText()).contains("did not accept the API Secret");
            assertThat(browser.find(By.id("next")).isEnabled()).isFalse();
            show(browser, "test-result-panel");
            browser.screenshot("onboarding-1-wrong-secret");

            browser.type(By.id("secret"), user.secret()).click(By.id("test-connection"));
            browser.until(outcome("OK"));
            assertThat(browser.find(By.id("zone-name")).getText()).isEqualTo("America East 2");
            assertThat(browser.find(By.id("zone-api-url")).getText()).isEqualTo(user.zoneApiUrl());
            assertThat(browser.find(By.id("resource")).getText()).contains("resource " + user.resourceId());
            show(browser, "test-result-panel");
            browser.screenshot("onboarding-2-connected");
            assertThat(browser.find(By.id("next")).isEnabled()).isTrue();

            // Editing a field after the test takes Next away until the new values are tested.
            browser.find(By.id("secret")).sendKeys("x");
            browser.until(d -> !d.findElement(By.id("next")).isEnabled());
            browser.type(By.id("secret"), user.secret()).click(By.id("test-connection"));
            browser.until(d -> d.findElement(By.id("next")).isEnabled());

            browser.click(By.id("next"));
            browser.until(d -> browser.currentPath().equals("/admin/onboarding/sync"));
            assertThat(browser.find(By.id("ingestWindowDays")).getAttribute("value")).isEqualTo("30");
            browser.type(By.id("ingestWindowDays"), "45");
            browser.screenshot("onboarding-3-sync-settings");
            browser.click(By.id("save-sync-settings"));

            browser.until(d -> browser.currentPath().equals("/admin/helpdesk/configuration"));
            assertThat(browser.find(By.id("message")).getText()).isEqualTo("Connected, and sync settings saved.");
            assertThat(browser.find(By.id("masked-userName")).getText())
                    .isEqualTo(user.userName().substring(0, 4) + "••••");
            assertThat(browser.find(By.id("masked-secret")).getText()).isEqualTo("••••••• (set)");
            assertThat(browser.find(By.id("masked-integrationCode")).getText()).isEqualTo("••••••• (set)");
            assertThat(browser.find(By.id("zone-name")).getText()).isEqualTo("America East 2");
            assertThat(browser.find(By.id("budget-reading")).getText()).contains("of 10000 requests used");
            assertThat(browser.find(By.id("ingestWindowDays")).getAttribute("value")).isEqualTo("45");
            assertThat(browser.driver().getPageSource()).doesNotContain(user.secret())
                    .doesNotContain(user.integrationCode());
            browser.screenshot("helpdesk-configuration");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }

    private static void show(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.find(By.id(id)));
    }

    private static java.util.function.Function<WebDriver, Boolean> outcome(String expected) {
        return d -> expected.equals(d.findElement(By.id("test-result-panel")).getAttribute("data-outcome"));
    }
}
