package horizon.picklist;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An admin reads and filters the Picklist Database in Chromium; screenshots land in target/screenshots/. */
class PicklistDatabaseBrowserTest extends HorizonTest {

    @Test
    void adminBrowsesAndFiltersPicklists() {
        TestAccount acme = fixtures().account("Acme");
        PicklistSeed.acmePicklists(context.getBean(MirrorWriter.class), acme.id());
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/admin");
            browser.click(By.linkText("Picklist Database"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Picklist Database");
            assertThat(browser.find(By.id("picklist-Tickets-status")).getText())
                    .contains("Ticket status", "New", "In Progress", "On Hold", "inactive", "Complete", "default");
            WebElement server = browser.find(By.cssSelector("#picklist-Tickets-issueType tr[data-value='101']"));
            assertThat(server.getAttribute("class")).contains("inactive", "sub");
            browser.screenshot("picklist-database");

            browser.type(By.id("filter"), "licens");
            browser.until(d -> d.findElements(By.cssSelector(".picklist-field")).size() == 1);
            assertThat(browser.find(By.id("picklist-Tickets-issueType")).getText())
                    .contains("Software", "Licensing").doesNotContain("Hardware");
            assertThat(browser.driver().getCurrentUrl()).contains("q=licens");
            browser.screenshot("picklist-database-filtered");
        }
    }

    @Test
    void emptyStateWithoutAConnection() {
        TestAccount fresh = fixtures().account("Fresh");
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(fresh.admin().email(), fresh.admin().password());
            browser.go(PicklistDatabaseController.PATH);
            assertThat(browser.find(By.id("empty-not-connected")).getText()).contains("not connected");
            browser.screenshot("picklist-database-empty");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }
}
