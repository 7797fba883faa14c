package horizon.picklist;

import horizon.helpdesk.autotask.AutotaskCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.onboarding.SimulatorBackedTest;
import horizon.simulator.autotask.ApiUser;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Refresh now against the Autotask simulator, in Chromium: the button queues a picklist sync run, the page follows the
 * run, and once it has succeeded the simulator's picklists are on the page.
 */
class PicklistRefreshBrowserTest extends SimulatorBackedTest {

    @Test
    void refreshNowQueuesARunAndThePicklistsArrive() {
        TestAccount acme = fixtures().account("Acme");
        connect(acme.id());
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go(PicklistDatabaseController.PATH);
            browser.click(By.id("refresh-now"));
            String started = browser.find(By.id("refresh-started")).getText();
            assertThat(started).contains("Refresh queued as sync run #");
            long runId = Long.parseLong(browser.find(By.id("refresh-run-link")).getText().substring(1));
            assertThat(jdbc.sql("select kind from sync_runs where id = :id and account_id = :a")
                    .param("id", runId).param("a", acme.id()).query(String.class).single()).isEqualTo("PICKLISTS");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    jdbc.sql("select state from sync_runs where id = :id").param("id", runId).query(String.class)
                            .single().matches("SUCCEEDED|FAILED|INTERRUPTED"));
            assertThat(jdbc.sql("select state from sync_runs where id = :id").param("id", runId)
                    .query(String.class).single()).isEqualTo("SUCCEEDED");
            // the embedded run row (Sync Run logs' own, polling every 2 s) settles on the final state
            browser.waitForText(By.id("refresh-run"), "SUCCEEDED");
            browser.screenshot("picklist-database-refresh-now");

            browser.go(PicklistDatabaseController.PATH);
            assertThat(browser.find(By.id("picklist-Tickets-status")).getText()).contains("Complete");
            assertThat(browser.find(By.id("last-refresh")).getText()).endsWith("UTC");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }

    private void connect(long accountId) {
        HelpdeskConnections connections = context.getBean(HelpdeskConnections.class);
        ApiUser user = apiUser();
        HelpdeskCredentials credentials = AutotaskCredentials.of(user.userName(), user.secret(),
                user.integrationCode());
        ConnectionTestOutcome outcome = connections.test(HelpdeskKind.AUTOTASK, credentials);
        assertThat(outcome.ok()).as("connection test").isTrue();
        connections.connect(accountId, HelpdeskKind.AUTOTASK, credentials, outcome.result());
    }
}
