package horizon.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Permission;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin connects ConnectWise PSA in the wizard in Chromium, meets each named failure once, watches the backfill
 * finish and opens the Picklist Database and User Mapping. Screenshots land in target/screenshots/.
 */
class ConnectWiseOnboardingBrowserTest extends SimulatorBackedTest {

    @Test
    void theAdminMeetsEachNamedFailureThenConnectsAndSeesTheBackfillPicklistsAndUsers() {
        TestAccount acme = fixtures().account("Acme CW");
        ConnectWiseSimulator site = connectWise().simulator();
        Map<String, String> good = connectWise().credentials().values();
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/admin/onboarding");
            browser.click(By.cssSelector("input[value=CONNECTWISE_MANAGE]"));
            browser.until(d -> !d.findElements(By.id("companyId")).isEmpty());
            assertThat(browser.find(By.id("credential-fields")).getText()).contains("Company ID", "Public key",
                    "Private key", "On-premise host");

            // Nothing entered.
            browser.click(By.id("test-connection"));
            failure(browser, "Credentials incomplete", "connectwise-1-incomplete");

            // A host nothing listens on.
            fill(browser, good, Map.of("host", "http://127.0.0.1:1"));
            failure(browser, "Site unreachable", "connectwise-2-site-unreachable");

            // A company the site does not know.
            fill(browser, good, Map.of("companyId", "nosuchcompany"));
            failure(browser, "Company unknown", "connectwise-3-company-unknown");

            // A private key from another key pair.
            fill(browser, good, Map.of("privateKey", "not-the-private-key"));
            failure(browser, "Keys rejected", "connectwise-4-keys-rejected");

            // Horizon's clientId disabled by ConnectWise.
            fill(browser, good, Map.of());
            site.control().disableClientId(site.clientId(), true);
            try {
                failure(browser, "clientId rejected", "connectwise-5-clientid-rejected");
            } finally {
                site.control().disableClientId(site.clientId(), false);
            }

            // The API member's security role without Service Tickets.
            site.control().setPermission(site.apiRoleId(), Permission.SERVICE_TICKETS, false);
            try {
                browser.click(By.id("test-connection"));
                browser.until(outcome("PERMISSION"));
                assertThat(browser.find(By.id("failure-title")).getText()).startsWith("Security role lacks");
                assertThat(browser.find(By.id("fix-steps")).getText()).isNotBlank();
                show(browser, "test-result-panel");
                browser.screenshot("connectwise-6-security-role");
            } finally {
                site.control().setPermission(site.apiRoleId(), Permission.SERVICE_TICKETS, true);
            }

            browser.click(By.id("test-connection"));
            browser.until(outcome("OK"));
            show(browser, "test-result-panel");
            browser.screenshot("connectwise-7-connected");
            browser.click(By.id("next"));
            browser.until(d -> browser.currentPath().equals("/admin/onboarding/sync"));
            browser.click(By.id("save-sync-settings"));
            browser.until(d -> browser.currentPath().equals("/admin/helpdesk/configuration"));
            assertThat(browser.find(By.id("masked-publicKey")).getText())
                    .isEqualTo(good.get("publicKey").substring(0, 4) + "••••");
            assertThat(browser.find(By.id("masked-privateKey")).getText()).isEqualTo("••••••• (set)");
            assertThat(browser.driver().getPageSource()).doesNotContain(good.get("privateKey"));
            browser.screenshot("connectwise-8-configuration");

            // The backfill runs and finishes.
            browser.go("/admin/helpdesk/sync-runs");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.driver().navigate().refresh();
                return browser.driver().findElements(By.cssSelector("#sync-runs tbody tr")).stream()
                        .anyMatch(row -> row.getText().contains("BACKFILL") && row.getText().contains("SUCCEEDED"));
            });
            browser.screenshot("connectwise-9-backfill-finished");

            // Picklists under ConnectWise's own names: boards with their statuses nested.
            browser.go("/admin/helpdesk/picklists");
            assertThat(browser.find(By.tagName("main")).getText()).contains("Service board", "Status", "Priority");
            browser.screenshot("connectwise-10-picklist-database");

            // Its members, as helpdesk users to map.
            browser.go("/admin/helpdesk/user-mapping");
            assertThat(browser.find(By.tagName("main")).getText()).contains("HorizonAPI");
            browser.screenshot("connectwise-11-user-mapping");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }

    /** Fills every field from the good credentials, with some replaced. */
    private static void fill(Browser browser, Map<String, String> good, Map<String, String> replaced) {
        new Select(browser.find(By.id("site"))).selectByValue(replaced.getOrDefault("site", good.get("site")));
        for (String field : new String[]{"host", "companyId", "publicKey", "privateKey"}) {
            browser.type(By.id(field), replaced.getOrDefault(field, good.get(field)));
        }
    }

    private static void failure(Browser browser, String title, String screenshot) {
        browser.click(By.id("test-connection"));
        browser.until(d -> title.equals(d.findElement(By.id("test-result-panel")).getAttribute("data-title")));
        assertThat(browser.find(By.id("failure-title")).getText()).isEqualTo(title);
        assertThat(browser.find(By.id("next")).isEnabled()).isFalse();
        show(browser, "test-result-panel");
        browser.screenshot(screenshot);
    }

    private static void show(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.find(By.id(id)));
    }

    private static Function<WebDriver, Boolean> outcome(String expected) {
        return d -> expected.equals(d.findElement(By.id("test-result-panel")).getAttribute("data-outcome"));
    }
}
