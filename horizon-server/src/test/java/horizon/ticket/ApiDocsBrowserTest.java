package horizon.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Browser;
import horizon.testsupport.HorizonTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Swagger UI draws the API's operations in Chromium under its Content-Security-Policy, refusing nothing. */
class ApiDocsBrowserTest extends HorizonTest {

    @Test
    void swaggerUiShowsTheOperationsWithoutAnythingRefused() {
        try (Browser browser = Browser.open(baseUrl())) {
            browser.go("/api/docs");
            browser.until(d -> d.findElements(By.cssSelector(".opblock")).size() > 5);
            assertThat(browser.find(By.cssSelector(".info .title")).getText()).contains("Horizon REST API");
            browser.screenshot("api-docs");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by the page's Content-Security-Policy")
                    .isEmpty();
        }
    }
}
