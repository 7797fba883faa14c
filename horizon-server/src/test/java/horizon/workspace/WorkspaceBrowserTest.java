package horizon.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.ticket.MirrorSeed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An agent works from the ticket list to a ticket page in Chromium on a seeded mirror (no PSA: nothing is submitted),
 * and sees a change arriving in the mirror without reloading, while a half-typed note stays as typed. Screenshots
 * land in target/screenshots/.
 */
class WorkspaceBrowserTest extends HorizonTest {

    @Test
    void agentOpensTheListAndATicketThatUpdatesItself() {
        TestAccount acme = fixtures().account("Acme");
        SeededWorkspace.seed(context, acme);
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.agent().email(), acme.agent().password());
            browser.go("/");
            browser.click(By.id("nav-tickets"));
            assertThat(browser.find(By.cssSelector(".ws-tabs a.active")).getText()).isEqualTo("Mine");
            browser.click(By.id("view-all"));
            browser.waitForText(By.id("tickets"), "Mailbox full");
            assertThat(browser.driver().findElements(By.cssSelector("#tickets tbody tr"))).hasSize(3);
            browser.screenshot("workspace-1-list");

            browser.click(By.linkText("T20261120." + SeededWorkspace.MINE));
            assertThat(browser.find(By.id("ticket-title")).getText()).isEqualTo("Printer offline on floor 2");
            assertThat(browser.find(By.id("thread")).getText()).contains("First look", "Replaced toner");
            assertThat(browser.find(By.id("time-entries")).getText()).contains("Worked on it");
            browser.type(By.id("note-text"), "Half-typed note");
            browser.screenshot("workspace-2-ticket");

            // The PSA renames the ticket; the poll shows it, and leaves the agent's typing alone.
            context.getBean(MirrorWriter.class).upsert(acme.id(), MirroredEntity.TICKETS, List.of(
                    MirrorSeed.ticket(SeededWorkspace.MINE, "Printer offline on floors 2 and 3", "8",
                            SeededWorkspace.LEVEL_ONE, SeededWorkspace.ALEX, MirrorSeed.T0.plusSeconds(900))));
            browser.waitForText(By.id("ticket-title"), "floors 2 and 3");
            assertThat(browser.find(By.id("fact-status")).getText()).isEqualTo("In Progress");
            assertThat(browser.find(By.id("note-text")).getAttribute("value")).isEqualTo("Half-typed note");

            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
            browser.go("/tickets?view=all");
            browser.screenshot("workspace-3-narrow-list");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }
}
