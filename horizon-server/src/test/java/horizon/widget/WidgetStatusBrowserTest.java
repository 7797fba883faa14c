package horizon.widget;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin reads Helpdesk Widget Status in Chromium for an account connected to the Autotask simulator: the widgets
 * reported a render and a failure through the beacon; the admin sees the verdicts, the rules and the error, copies an
 * embed value, and opens the live preview, signs the calendar in through Horizon's sign-in window and sees that render
 * counted. Screenshots land in target/screenshots/.
 */
class WidgetStatusBrowserTest extends WidgetSuite {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final String FAILURE = "The sign-in code is used, expired or not for this widget; sign in again.";

    @Autowired
    WidgetEventRepository events;

    @Test
    void theAdminSeesVerdictsErrorsAndEmbedStepsCopiesAValueAndPreviewsTheWidgets() {
        Agent agent = agent(AUTOTASK, "Widget status browser");
        // The ticket widget rendered two days ago; since then the widgets said what the beacon carries.
        events.insert(agent.accountId(), "ticket", "render", "popup", 800, null, CHROME,
                clock.instant().minus(Duration.ofDays(2)));
        assertThat(beacon(agent, "calendar", "render", "popup", 410, null).statusCode()).isEqualTo(204);
        assertThat(beacon(agent, "calendar", "render", "refresh", 190, null).statusCode()).isEqualTo(204);
        assertThat(beacon(agent, "ticket", "sign-in-failure", "popup", null, FAILURE).statusCode()).isEqualTo(204);

        try (Browser browser = Browser.open(baseUrl())) {
            browser.login(agent.account().admin().email(), agent.account().admin().password());
            browser.go("/admin");
            browser.click(By.linkText("Helpdesk Widget Status"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Helpdesk Widget Status");

            // Red, because the ticket widget's newest report is a failure; the page says which rule and why.
            WebElement health = browser.find(By.id("health"));
            assertThat(health.getAttribute("data-health")).isEqualTo("RED");
            assertThat(health.getText()).isEqualToIgnoringCase("red");
            assertThat(browser.find(By.id("reasons")).getText())
                    .contains("Ticket widget: its newest report is a sign-in failure (", "it has not rendered since.");
            assertThat(browser.find(By.id("rules")).getText()).contains("Red: the widget's newest report is a "
                    + "failure", "Amber: not red, and no render in the last 24 hours", "Green: a render in the last "
                    + "24 hours and no failure in them.");
            assertThat(browser.find(By.id("widget-calendar")).getAttribute("data-verdict")).isEqualTo("GREEN");
            assertThat(browser.find(By.id("widget-ticket")).getAttribute("data-verdict")).isEqualTo("RED");
            assertThat(browser.find(By.id("last-day-calendar")).getText()).isEqualTo("2 renders · 0 failures");
            assertThat(browser.find(By.id("sign-ins-calendar")).getText()).contains("popup", "refresh");
            assertThat(browser.find(By.id("browsers-calendar")).getText()).contains("Chrome 131 on Linux");
            browser.screenshot("widget-status");

            WebElement error = browser.find(By.cssSelector("#errors-ticket tbody tr"));
            assertThat(error.getAttribute("data-event")).isEqualTo("sign-in-failure");
            assertThat(error.getText()).contains("sign-in failure", FAILURE, "popup", "Chrome 131 on Linux");
            show(browser, By.id("widget-ticket"));
            browser.screenshot("widget-status-widgets");

            // The embed steps, each value with its Copy button.
            show(browser, By.id("embed-card"));
            List<WebElement> copies = browser.driver().findElements(By.cssSelector("#embed-card button.copy"));
            assertThat(copies).hasSize(4).allSatisfy(button -> assertThat(button.isDisplayed()).isTrue());
            String url = baseUrl() + "/widgets/" + agent.key() + "/ticket?ticket=[TicketID]&resource=[ResourceID]";
            WebElement urlField = browser.find(By.id("field-1-1"));
            assertThat(urlField.getAttribute("value")).isEqualTo(url);
            browser.click(By.cssSelector("button.copy[data-copy='field-1-1']"));
            WebElement copy = browser.find(By.cssSelector("button.copy[data-copy='field-1-1']"));
            browser.until(ExpectedConditions.attributeToBe(copy, "data-copied", "true"));
            assertThat(browser.find(By.id("copy-status")).getText()).isEqualTo("URL copied.");
            assertThat(pasted(browser)).isEqualTo(url);
            show(browser, By.id("embed-card"));
            browser.screenshot("widget-status-embed");

            // The live preview loads only when asked.
            assertThat(browser.driver().findElements(By.tagName("iframe"))).isEmpty();
            browser.click(By.id("show-preview"));
            WebElement frame = browser.find(By.id("preview-calendar"));
            assertThat(frame.getSize().getWidth()).isEqualTo(320);
            assertThat(browser.find(By.id("preview-ticket-widget")).getAttribute("src")).contains("/ticket?ticket=");
            String main = browser.driver().getWindowHandle();
            browser.driver().switchTo().frame(frame);
            browser.click(By.id("sign-in-button"));
            // Horizon's sign-in window: the admin is signed in already, so it hands the widget a code and closes.
            browser.until(d -> d.getWindowHandles().size() == 1
                    && "popup".equals(d.findElement(By.id("widget")).getAttribute("data-signed-in")));
            browser.until(d -> !d.findElement(By.id("widget")).getAttribute("data-render-ms").isEmpty());
            browser.driver().switchTo().window(main);
            browser.driver().switchTo().defaultContent();
            show(browser, By.id("preview-card"));
            browser.screenshot("widget-status-preview");

            // The preview's render is reported like any other: a third render, signed in by the popup, headless.
            browser.until(d -> events.newest(agent.accountId(), 20).stream()
                    .filter(e -> e.widget().equals("calendar") && e.event().equals("render")).count() == 3);
            browser.go("/admin/helpdesk/widget-status");
            assertThat(browser.find(By.id("last-day-calendar")).getText()).isEqualTo("3 renders · 0 failures");
            assertThat(browser.find(By.cssSelector("#sign-ins-calendar tr[data-path='popup']"))
                    .getAttribute("data-renders")).isEqualTo("2");
            assertThat(browser.find(By.id("browsers-calendar")).getText()).contains("(headless) on Linux");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }

    private HttpResponse<String> beacon(Agent agent, String widget, String event, String signIn, Integer millis,
                                        String detail) {
        var body = JSON.createObjectNode().put("key", agent.key()).put("widget", widget).put("event", event)
                .put("signIn", signIn);
        if (millis != null) {
            body.put("ms", millis);
        }
        if (detail != null) {
            body.put("detail", detail);
        }
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/events"))
                .header("Content-Type", "application/json").header("User-Agent", CHROME)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** What the clipboard holds: pasted into a scratch field the test adds to the page. */
    private static String pasted(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("var t = document.createElement('textarea'); t.id = 'scratch';"
                + "document.body.appendChild(t);");
        WebElement scratch = browser.find(By.id("scratch"));
        scratch.click();
        scratch.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        String text = scratch.getAttribute("value");
        js.executeScript("document.getElementById('scratch').remove();");
        return text;
    }

    private static void show(Browser browser, By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                browser.find(by));
    }
}
