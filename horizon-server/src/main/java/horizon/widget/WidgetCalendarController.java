package horizon.widget;

import horizon.account.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The calendar widget's data: the signed-in agent's own todos, never anyone else's. */
@RestController
class WidgetCalendarController {

    private final CurrentUser currentUser;
    private final ShowingCalendar showing;

    WidgetCalendarController(CurrentUser currentUser, ShowingCalendar showing) {
        this.currentUser = currentUser;
        this.showing = showing;
    }

    @GetMapping("/widgets/api/calendar")
    CalendarJson calendar(@RequestParam(defaultValue = "UTC") String zone) {
        return showing.calendar(currentUser.get(), WidgetTimes.zone(zone));
    }
}
