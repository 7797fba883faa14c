package horizon.web;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A real Chromium signs in and sees the admin panel; screenshots land in target/screenshots. */
class SignInBrowserTest extends HorizonTest {

    @Test
    void adminSignsInAndSeesTheAdminPanel() throws Exception {
        TestAccount acme = fixtures().account("Acme");
        try (Browser browser = Browser.open(baseUrl())) {
            browser.go("/admin");
            assertThat(browser.currentPath()).isEqualTo("/login");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Sign in to Horizon");
            browser.screenshot("login");

            browser.type(By.id("username"), acme.admin().email()).type(By.id("password"), "wrong password!");
            browser.click(By.id("sign-in"));
            assertThat(browser.find(By.id("login-error")).getText()).contains("do not match");

            browser.login(acme.admin().email(), acme.admin().password());
            assertThat(browser.currentPath()).isEqualTo("/admin");
            assertThat(browser.find(By.id("account-name")).getText()).isEqualTo(acme.name());
            assertThat(browser.find(By.cssSelector("nav.sidebar")).getText())
                    .containsIgnoringCase("Integrations → Helpdesk")
                    .contains("Helpdesk Configuration", "Helpdesk Widget Status", "Callback Log")
                    .doesNotContain("coming soon"); // every admin page is built now
            assertThat(Files.size(browser.screenshot("admin-landing"))).isPositive();

            browser.click(By.linkText("Users & API tokens"));
            browser.type(By.id("token-name"), "browser token").click(By.id("create-token-button"));
            assertThat(browser.find(By.cssSelector("#issued-token code")).getText()).startsWith("hzn_");
            browser.screenshot("users-and-tokens");

            browser.click(By.id("sign-out"));
            browser.until(d -> browser.currentPath().equals("/login"));
            assertThat(browser.find(By.id("signed-out")).getText()).contains("signed out");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }
}
