package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.sync.SyncNow;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin reads the Callback Log in Chromium after the ConnectWise simulator called about a new ticket and someone
 * forged a call: filters it, opens a call, replays it, traces the ticket and syncs it. Screenshots land in
 * target/screenshots/.
 */
class CallbackLogBrowserTest extends CallbackBrowserCase {

    @Test
    void theAdminFindsTheAcceptedAndTheRejectedCallReplaysOneAndTracesTheTicket() throws Exception {
        TestAccount acme = connected("Callback log");
        LoggedCall genuine = ticketCreatedInThePsa(acme, "Printer on floor 3 jams");
        long ticketId = genuine.externalId();
        assertThat(forged(acme, genuine).statusCode()).isEqualTo(401);
        LoggedCall rejected = inbox().page(acme.id(), new InboxRepository.Filter(InboxState.REJECTED, null, null,
                null, null, null), 0, 1).get(0);

        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/admin");
            // Both callback pages are in the menu as links, not "coming soon".
            assertThat(browser.find(By.linkText("Helpdesk Callback Status")).getAttribute("href"))
                    .endsWith("/admin/helpdesk/callback-status");
            browser.click(By.linkText("Callback Log"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Callback Log");
            assertThat(browser.find(By.id("retention")).getText()).contains("30 days");

            WebElement accepted = browser.find(By.id("call-" + genuine.id()));
            assertThat(accepted.getAttribute("data-state")).isEqualTo("PROCESSED");
            assertThat(accepted.getText()).contains("tickets", Long.toString(ticketId), "valid", "inserted");
            WebElement turnedAway = browser.find(By.id("call-" + rejected.id()));
            assertThat(turnedAway.getAttribute("data-state")).isEqualTo("REJECTED");
            assertThat(turnedAway.findElement(By.cssSelector(".badge.result")).getText()).isEqualTo("rejected");
            assertThat(turnedAway.getText()).contains("invalid", "401", rejected.reason());
            browser.screenshot("callback-log");

            // Only the rejected calls.
            new Select(browser.find(By.id("state"))).selectByValue("REJECTED");
            browser.click(By.id("filter"));
            browser.until(d -> d.getCurrentUrl().contains("state=REJECTED"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#callback-log tbody tr"));
            assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getAttribute("data-state"))
                    .isEqualTo("REJECTED"));
            browser.screenshot("callback-log-rejected");

            // The accepted call in full: the payload indented, the signature shortened.
            browser.go("/admin/helpdesk/callback-log");
            browser.click(By.linkText("#" + genuine.id()));
            browser.until(d -> browser.currentPath().equals("/admin/helpdesk/callback-log/" + genuine.id()));
            String payload = browser.find(By.id("payload")).getText();
            assertThat(payload).contains("\n  \"").contains(Long.toString(ticketId));
            assertThat(browser.driver().findElements(By.id("payload-raw"))).isEmpty();
            WebElement signature = browser.find(By.cssSelector("#headers tr[data-header='x-content-signature'] td"));
            assertThat(signature.getText()).hasSize(9).endsWith("…");
            assertThat(browser.driver().getPageSource()).doesNotContain(signatureOf(genuine));
            assertThat(browser.find(By.id("signature")).getText()).isEqualTo("valid");
            browser.screenshot("callback-call");

            // Replay: the door takes it again and the log gains a row.
            long before = calls(acme.id());
            browser.click(By.id("replay"));
            browser.until(d -> browser.currentPath().equals("/admin/helpdesk/callback-log"));
            assertThat(browser.find(By.id("message")).getText()).contains("Call #" + genuine.id() + " replayed");
            assertThat(calls(acme.id())).isGreaterThan(before);
            long replayId = inbox().page(acme.id(), InboxRepository.Filter.ALL, 0, 1).get(0).id();
            assertThat(browser.find(By.id("call-" + replayId)).getText()).contains("Replay of call #" + genuine.id());
            browser.screenshot("callback-log-replayed");

            // The ticket trace: the mirror holds it, its callbacks are listed.
            browser.type(By.id("trace-ticket"), Long.toString(ticketId));
            browser.click(By.id("trace"));
            browser.until(d -> browser.currentPath().equals("/admin/helpdesk/callback-log/trace"));
            assertThat(browser.find(By.id("mirror-id")).getText()).isEqualTo(Long.toString(ticketId));
            assertThat(browser.find(By.id("mirror-title")).getText()).isEqualTo("Printer on floor 3 jams");
            assertThat(browser.find(By.id("mirror-deleted")).getText()).isEqualTo("no");
            assertThat(browser.find(By.id("verdict")).getText()).startsWith("In Horizon");
            assertThat(browser.driver().findElements(By.cssSelector("#trace-callbacks tbody tr")))
                    .extracting(row -> row.getAttribute("id"))
                    .contains("call-" + genuine.id(), "call-" + replayId);
            browser.screenshot("callback-trace");

            // Sync this ticket queues a run, linked to the Sync Run logs.
            browser.click(By.id("sync-ticket"));
            String message = browser.find(By.id("message")).getText();
            Matcher queued = Pattern.compile("Sync run #(\\d+) queued").matcher(message);
            assertThat(queued.find()).as(message).isTrue();
            long runId = Long.parseLong(queued.group(1));
            assertThat(browser.find(By.id("queued-run")).getAttribute("href"))
                    .contains("/admin/helpdesk/sync-runs").endsWith("#run-" + runId);
            SyncNow syncNow = context.getBean(SyncNow.class);
            assertThat(syncNow.run(acme.id(), runId)).hasValueSatisfying(run ->
                    assertThat(run.target()).isEqualTo(Long.toString(ticketId)));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> syncNow.run(acme.id(), runId).orElseThrow().state().finished());
            browser.screenshot("callback-trace-sync-queued");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }

    private static String signatureOf(LoggedCall call) {
        String headers = call.headers();
        Matcher value = Pattern.compile("\"x-content-signature\"\\s*:\\s*\"([^\"]+)\"").matcher(headers);
        assertThat(value.find()).as(headers).isTrue();
        return value.group(1);
    }
}
