package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An admin reads Helpdesk Callback Status in Chromium for an account connected to the ConnectWise simulator, after
 * a genuine call and a forged one, and registers the webhooks again. Screenshots land in target/screenshots/.
 */
class CallbackStatusBrowserTest extends CallbackBrowserCase {

    @Test
    void theAdminSeesHealthWebhooksRulesAndTheChartAndRegistersAgain() throws Exception {
        TestAccount acme = connected("Callback status");
        LoggedCall genuine = ticketCreatedInThePsa(acme, "VPN drops every hour");
        assertThat(forged(acme, genuine).statusCode()).isEqualTo(401);
        Instant registeredBefore = context.getBean(WebhookStore.class).registration(acme.id()).orElseThrow()
                .attemptedAt();

        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/admin");
            assertThat(browser.find(By.linkText("Callback Log")).getAttribute("href"))
                    .endsWith("/admin/helpdesk/callback-log");
            browser.click(By.linkText("Helpdesk Callback Status"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Helpdesk Callback Status");

            // The forged call turns it amber, and says so.
            WebElement health = browser.find(By.id("health"));
            assertThat(health.getAttribute("data-health")).isEqualTo("AMBER");
            assertThat(health.getText()).isEqualToIgnoringCase("amber");
            assertThat(browser.find(By.id("reasons")).getText()).contains("1 call was rejected in the last hour.");
            assertThat(browser.find(By.id("rules")).getText()).contains(CallbackStatus.RULES);
            assertThat(browser.find(By.id("last-hour")).getText()).contains("received", "1 rejected", "0 failed");
            assertThat(browser.find(By.id("last-callback")).getText()).endsWith("UTC");
            assertThat(browser.find(By.id("polling")).getText()).contains("every 1 day");
            browser.screenshot("callback-status");

            // The webhooks as the PSA reports them.
            assertThat(browser.find(By.id("hook-url")).getText())
                    .endsWith("/hooks/connectwise/" + acme.accountKey());
            List<WebElement> hooks = browser.driver().findElements(By.cssSelector("#webhooks tbody tr"));
            assertThat(hooks).isNotEmpty().allSatisfy(hook -> {
                assertThat(hook.getAttribute("data-healthy")).isEqualTo("true");
                assertThat(hook.getText()).contains("present", "active", "ready", "/hooks/connectwise/");
            });
            assertThat(browser.find(By.id("registration")).getText()).contains("succeeded");
            show(browser, By.id("webhooks-card"));
            browser.screenshot("callback-status-webhooks");

            // The last 24 hours, drawn on the server.
            WebElement chart = browser.find(By.cssSelector("svg#chart"));
            assertThat(chart.findElements(By.cssSelector("g.bar"))).hasSize(144);
            assertThat(chart.findElements(By.cssSelector("rect.accepted"))).isNotEmpty();
            assertThat(chart.findElements(By.cssSelector("rect.rejected"))).isNotEmpty();
            assertThat(chart.findElements(By.id("lag-line"))).hasSize(1);
            assertThat(chart.findElements(By.cssSelector(".lag-points circle"))).isNotEmpty();
            assertThat(chart.getText()).contains("Received (accepted)", "Rejected", "Failed",
                    "Median processing lag", "calls per 10 min", "time (UTC)");
            assertThat(browser.find(By.id("chart-totals")).getText()).contains("1 rejected");
            show(browser, By.id("chart-card"));
            browser.screenshot("callback-status-chart");

            // Re-register webhooks.
            browser.click(By.id("register"));
            String message = browser.find(By.id("message")).getText();
            assertThat(message).startsWith("Webhooks registered: the PSA holds ").contains("Horizon's webhook");
            assertThat(browser.find(By.id("health")).getAttribute("data-health")).isIn("GREEN", "AMBER");
            assertThat(context.getBean(WebhookStore.class).registration(acme.id()).orElseThrow().attemptedAt())
                    .isAfter(registeredBefore);
            assertThat(browser.driver().findElements(By.cssSelector("#webhooks tbody tr"))).hasSize(hooks.size());
            browser.screenshot("callback-status-reregistered");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }
}
