package horizon.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import horizon.ticket.MirrorSeed;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An admin maps helpdesk users in Chromium: accepts an e-mail suggestion, creates a Horizon user from a helpdesk user,
 * and watches the unmapped count go down; screenshots land in target/screenshots/.
 */
class UserMappingBrowserTest extends HorizonTest {

    @Test
    void adminAcceptsASuggestionAndCreatesAHorizonUser() {
        TestAccount acme = fixtures().account("Acme");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String newEmail = "quinn-" + unique + "@acme-psa.test";
        context.getBean(MirrorWriter.class).upsert(acme.id(), MirroredEntity.HELPDESK_USERS, List.of(
                MirrorSeed.helpdeskUser(29682885, "Alex", "Agent", acme.agent().email(), true),
                MirrorSeed.helpdeskUser(29682886, "Quinn", "Newhire", newEmail, true),
                MirrorSeed.helpdeskUser(29682887, "Rita", "Nomail", null, true),
                MirrorSeed.helpdeskUser(29682888, "Sam", "Retired", null, false)));
        String temporaryPassword;
        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/admin");
            browser.click(By.linkText("Helpdesk User Mapping"));
            assertThat(browser.find(By.id("unmapped-count")).getText()).isEqualTo("3");
            assertThat(browser.find(By.id("active-count")).getText()).isEqualTo("3");
            assertThat(browser.find(By.id("hu-29682885")).getText()).contains("Suggested:", acme.agent().email());
            assertThat(browser.driver().findElements(By.id("hu-29682888"))).isEmpty();
            browser.screenshot("user-mapping-1-suggestions");

            browser.click(By.cssSelector("#hu-29682885 button.accept"));
            browser.waitForText(By.id("message"), "Mapped Alex Agent");
            assertThat(browser.find(By.id("unmapped-count")).getText()).isEqualTo("2");
            assertThat(browser.find(By.id("hu-29682885")).getText()).contains("mapped", "Unbind");

            browser.click(By.cssSelector("#hu-29682886 button.create-user"));
            temporaryPassword = browser.find(By.id("temporary-password")).getText();
            assertThat(browser.find(By.id("created-user")).getText()).contains("Quinn Newhire", newEmail);
            assertThat(browser.find(By.id("unmapped-count")).getText()).isEqualTo("1");
            browser.screenshot("user-mapping-2-created-user");

            new org.openqa.selenium.support.ui.Select(
                    browser.find(By.cssSelector("#hu-29682887 select[name=horizonUserId]")))
                    .selectByValue(Long.toString(acme.admin().id()));
            browser.click(By.cssSelector("#hu-29682887 button.bind-button"));
            browser.waitForText(By.id("message"), "Mapped Rita Nomail");
            assertThat(browser.find(By.id("unmapped-count")).getText()).isEqualTo("0");
            assertThat(browser.find(By.id("all-mapped")).getText()).isEqualTo("all mapped");
            browser.screenshot("user-mapping-3-all-mapped");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
        // The created agent signs in with the temporary password shown once.
        WebSession.Page login = web().login(newEmail, temporaryPassword);
        assertThat(login.redirectsTo("/login")).isFalse();
    }
}
