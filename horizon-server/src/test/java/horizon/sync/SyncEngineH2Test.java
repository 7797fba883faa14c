package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirroredEntity;
import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.List;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.WebSession;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sync engine on the embedded H2 store (PostgreSQL mode), on a database of its own; also the Sync Run logs page,
 * which does not depend on the store.
 */
class SyncEngineH2Test extends SyncEngineCases {

    private static final AutotaskPsa AUTOTASK = AutotaskPsa.start();
    private static final List<SimulatedPsa> PSAS = List.of(AUTOTASK, ConnectWisePsa.start());

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        register(registry, PSAS, true);
    }

    @Override
    protected List<SimulatedPsa> psas() {
        return PSAS;
    }

    @Test
    void theSyncRunLogsPageListsRunsFiltersThemAndQueuesSyncNow() {
        TestAccount account = fixtures().account("Runs page");
        connect(AUTOTASK, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        WebSession web = web();
        web.login(account.admin().email(), account.admin().password());

        Document page = web.open("/admin/helpdesk/sync-runs").html();
        assertThat(page.select("#sync-runs tbody tr").text()).contains("BACKFILL", "SUCCEEDED", "tickets");
        Document backfills = web.open("/admin/helpdesk/sync-runs?kind=BACKFILL").html();
        assertThat(backfills.select("#sync-runs tbody tr")).hasSize(1);

        WebSession.Page queued = web.post("/admin/helpdesk/sync-runs/sync-now", java.util.Map.of());
        assertThat(queued.redirectsTo("/admin/helpdesk/sync-runs")).isTrue();
        Document after = web.follow(queued).html();
        assertThat(after.select("#message").text()).startsWith("Sync now queued as run #");
        long runId = Long.parseLong(after.select("#message").text().replaceAll("\\D+", ""));
        assertThat(awaitRun(account.id(), runId).state()).isEqualTo(SyncState.SUCCEEDED);

        WebSession agent = web();
        agent.login(account.agent().email(), account.agent().password());
        assertThat(agent.get("/admin/helpdesk/sync-runs").status()).isEqualTo(403);
    }

    @Test
    void theFirstBackfillWaitsForTheWizardsSyncSettings() {
        TestAccount account = fixtures().account("Wizard");
        connectOnly(AUTOTASK, account.id());

        // Step 2 of the wizard not saved yet: no backfill with settings the admin is still choosing.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> runs.latestBackfill(account.id()).isEmpty());
        connections.saveSettings(account.id(), new SyncSettings(true, true, true, true, true, true, 7, 300));

        SyncRun backfill = awaitBackfill(account.id());
        assertThat(Duration.between(backfill.windowStart(), backfill.startedAt()).toDays()).isEqualTo(7);
    }

    @Test
    void browserShowsARunningBackfillWithItsProgressAndSyncsOneTicket() {
        TestAccount account = fixtures().account("Browser runs");
        AUTOTASK.setLatency(Duration.ofMillis(400));
        try (Browser browser = Browser.open(baseUrl())) {
            connect(AUTOTASK, account.id(), new SyncSettings(true, true, true, true, true, true, 3650, 300));
            browser.login(account.admin().email(), account.admin().password()).go("/admin/helpdesk/sync-runs");
            // The running backfill's row polls itself: records so far against the total, and the time left.
            browser.until(d -> {
                d.navigate().refresh();
                return d.findElements(By.cssSelector("#sync-runs tr.running")).size() > 0;
            });
            browser.waitForText(By.cssSelector("#sync-runs tr.running"), "left");
            browser.waitForText(By.cssSelector("#sync-runs tr.running"), "tickets");
            browser.screenshot("sync-runs-backfill-running");
            AUTOTASK.setLatency(Duration.ZERO);
            awaitBackfill(account.id());
            browser.waitForText(By.cssSelector("#sync-runs tbody tr:last-child"), "SUCCEEDED");

            HelpdeskTicket ticket = mirror.loadAll(account.id(), MirroredEntity.TICKETS).get(0);
            browser.go("/admin/helpdesk/sync-runs").type(By.id("ticket"), String.valueOf(ticket.externalId()))
                    .click(By.id("sync-ticket"));
            String message = browser.waitForText(By.id("message"), "queued as run #");
            long runId = Long.parseLong(message.replaceAll(".*#(\\d+).*", "$1"));
            browser.waitForText(By.id("run-" + runId), "SUCCEEDED");
            assertThat(browser.find(By.id("run-" + runId)).getText()).contains("SINGLE_TICKET", "tickets");
            browser.screenshot("sync-runs");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        } finally {
            AUTOTASK.setLatency(Duration.ZERO);
        }
    }
}
