package horizon.todo;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.ticket.MirrorSeed;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * An agent in Berlin plans a todo on a ticket page in Chromium, moves it and completes it, and finds it on the
 * calendar's day and week views in Berlin time; the ticket is then completed in the PSA, which the calendar says, and
 * an admin sees it in the team view. Screenshots land in target/screenshots/todo-*.png.
 */
class TodoBrowserTest extends HorizonTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long TICKET = 8301;

    @Test
    void agentAddsMovesAndCompletesATodoAndSeesItOnTheCalendar() {
        TestAccount acme = fixtures().account("Calendar");
        MirrorWriter writer = context.getBean(MirrorWriter.class);
        writer.upsert(acme.id(), MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(TICKET, "Printer offline on floor 2", "1", 10L, null, MirrorSeed.T0)));
        String today = LocalDate.now(BERLIN).toString();
        try (Browser browser = Browser.open(baseUrl())) {
            // The browser's own zone, as an agent in Berlin has it; the pages take it from the browser.
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
                    Map.of("timezoneId", BERLIN.getId()));
            browser.login(acme.agent().email(), acme.agent().password());
            browser.go("/tickets/" + TICKET);
            browser.waitForText(By.cssSelector("#todos .todo-zone"), "Europe/Berlin");
            assertThat(browser.find(By.id("no-todos")).getText()).isEqualTo("No todos on this ticket yet.");

            browser.type(By.id("todo-title"), "Swap the toner");
            set(browser, By.id("todo-start"), today + "T09:30");
            set(browser, By.id("todo-end"), today + "T10:30");
            browser.type(By.id("todo-notes"), "Toner is in the store room.");
            browser.click(By.id("todo-add-button"));
            browser.waitForText(By.id("todo-outcome"), "Added \"Swap the toner\"");
            String when = browser.find(By.cssSelector("#todos li.todo .todo-when")).getText();
            assertThat(when).endsWith(", 09:30–10:30");
            browser.screenshot("todo-1-added");

            browser.click(By.cssSelector("#todos li.todo details.todo-move summary"));
            set(browser, By.cssSelector("#todos li.todo .todo-start"), today + "T14:00");
            set(browser, By.cssSelector("#todos li.todo .todo-end"), today + "T15:30");
            browser.click(By.cssSelector("#todos li.todo .todo-move-button"));
            browser.waitForText(By.id("todo-outcome"), "Moved");
            assertThat(browser.find(By.cssSelector("#todos li.todo .todo-when")).getText())
                    .endsWith(", 14:00–15:30");
            browser.screenshot("todo-2-moved");

            browser.click(By.cssSelector("#todos li.todo button.todo-complete"));
            browser.waitForText(By.id("todo-outcome"), "Completed");
            browser.until(d -> d.findElement(By.cssSelector("#todos li.todo")).getAttribute("class")
                    .contains("done"));
            assertThat(browser.find(By.cssSelector("#todos li.todo button.todo-reopen")).getText())
                    .isEqualTo("Reopen");
            browser.screenshot("todo-3-completed");

            // The calendar opens on today and asks the browser for its zone.
            browser.click(By.id("nav-calendar"));
            browser.waitForText(By.id("cal-zone"), "Europe/Berlin");
            assertThat(browser.find(By.id("span-day")).getAttribute("class")).contains("active");
            WebElement onDay = browser.find(By.cssSelector("td[data-day='" + today + "'] li.cal-todo"));
            assertThat(onDay.getText()).contains("14:00–15:30", "Swap the toner", "done",
                    "T20261120." + TICKET + " · Printer offline on floor 2");
            assertThat(onDay.getAttribute("class")).contains("done");
            browser.screenshot("todo-4-calendar-day");

            browser.click(By.id("span-week"));
            browser.until(d -> d.findElements(By.cssSelector("table.cal-week")).size() == 1);
            assertThat(browser.driver().findElements(By.cssSelector("table.cal thead th"))).hasSize(7);
            assertThat(browser.find(By.cssSelector("th.today")).getAttribute("id")).isEqualTo("day-" + today);
            assertThat(browser.find(By.cssSelector("td[data-day='" + today + "'] li.cal-todo")).getText())
                    .contains("Swap the toner");
            browser.screenshot("todo-5-calendar-week");

            // Completed in the PSA: the calendar says so, and the todo still leads to its ticket.
            writer.upsert(acme.id(), MirroredEntity.TICKETS, List.of(TodoCases.completed(MirrorSeed.ticket(TICKET,
                    "Printer offline on floor 2", "5", 10L, null, MirrorSeed.T0.plusSeconds(600)),
                    MirrorSeed.T0.plusSeconds(600))));
            browser.driver().navigate().refresh();
            browser.waitForText(By.cssSelector("td[data-day='" + today + "'] li.cal-todo"),
                    "Ticket completed in the PSA");
            browser.screenshot("todo-6-ticket-completed");
            browser.click(By.cssSelector("td[data-day='" + today + "'] a.cal-ticket"));
            browser.until(d -> browser.currentPath().equals("/tickets/" + TICKET));
            browser.waitForText(By.cssSelector("#todos li.todo"), "Ticket completed in the PSA");

            browser.click(By.id("sign-out"));
            browser.login(acme.admin().email(), acme.admin().password());
            browser.go("/calendar?span=week&team=true&zone=Europe/Berlin");
            WebElement row = browser.find(By.id("agent-" + acme.agent().id()));
            assertThat(row.getText()).contains(acme.agent().displayName(), "Swap the toner");
            assertThat(browser.find(By.id("agent-" + acme.admin().id())).getText())
                    .contains(acme.admin().displayName(), "Nothing planned");
            browser.screenshot("todo-7-team-week");
            assertThat(browser.contentSecurityPolicyViolations()).as("refused by a page's Content-Security-Policy")
                    .isEmpty();
        }
    }

    /** Fills a datetime-local field the way a picker does; typing into one depends on the browser's locale. */
    private static void set(Browser browser, By field, String value) {
        WebElement input = browser.find(field);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", input, value);
    }
}
