package horizon.todo;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The agent's calendar at {@code /calendar}: a day or a week of their todos in their time zone, today first, with
 * previous and next; admins may see another user's or the whole team's, a row per agent.
 */
@Controller
class CalendarPageController {

    static final String PATH = "/calendar";

    private static final DateTimeFormatter DAY_TITLE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter COLUMN = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private final CurrentUser currentUser;
    private final Todos todos;
    private final Clock clock;

    CalendarPageController(CurrentUser currentUser, Todos todos, Clock clock) {
        this.currentUser = currentUser;
        this.todos = todos;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String calendar(@RequestParam(defaultValue = "day") String span, @RequestParam(defaultValue = "") String date,
                    @RequestParam(defaultValue = "") String zone, @RequestParam(required = false) Long user,
                    @RequestParam(defaultValue = "false") boolean team, Model model) {
        SignedInUser me = currentUser.get();
        ZoneId in = LocalTimes.zone(zone);
        LocalDate today = LocalDate.now(clock.withZone(in));
        CalendarWindow window = CalendarWindow.around(CalendarWindow.Span.of(span).orElse(CalendarWindow.Span.DAY),
                date(date, today), in);
        Long whose = team ? null : user == null ? me.userId() : user;
        List<AgentCalendar> calendars;
        try {
            calendars = todos.calendar(me, window.from(), window.to(), team ? null : whose, team);
        } catch (TodoRefused refused) {
            throw new ResponseStatusException(refused.reason() == TodoRefused.Reason.FORBIDDEN
                    ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND, refused.getMessage());
        }
        List<CalendarView.Row> rows = calendars.stream().map(c -> row(c, window)).toList();
        List<CalendarView.Day> days = window.days().stream()
                .map(d -> new CalendarView.Day(d.toString(), COLUMN.format(d), d.equals(today))).toList();
        List<TicketTodosView.Person> people = me.isAdmin() ? todos.assignees(me.accountId()).stream()
                .map(u -> new TicketTodosView.Person(u.id(), u.displayName())).toList() : List.of();
        model.addAttribute("calendar", new CalendarView(window.span().param(), title(window), in.getId(),
                !zone.isBlank(), team, whose, people, days, rows, links(window, today, in, team, whose, me)));
        return "todo/calendar";
    }

    /** An agent's todos in the window's days; one running over several days shows on each. */
    private static CalendarView.Row row(AgentCalendar calendar, CalendarWindow window) {
        List<CalendarView.Cell> cells = new ArrayList<>();
        for (LocalDate day : window.days()) {
            List<TodoCard> cards = calendar.todos().stream()
                    .filter(t -> window.daysOf(t.todo().startsAt(), t.todo().endsAt()).contains(day))
                    .map(t -> TodoCard.of(t, window.zone())).toList();
            cells.add(new CalendarView.Cell(day.toString(), cards));
        }
        return new CalendarView.Row(calendar.userId(), calendar.displayName(), cells);
    }

    private static String title(CalendarWindow window) {
        if (window.span() == CalendarWindow.Span.DAY) {
            return DAY_TITLE.format(window.first());
        }
        LocalDate last = window.last();
        String from = window.first().getMonth() == last.getMonth() ? String.valueOf(window.first().getDayOfMonth())
                : DAY_MONTH.format(window.first());
        String year = window.first().getYear() == last.getYear() ? "" : " " + window.first().getYear();
        return "Week of " + from + year + " – " + DAY_MONTH.format(last) + " " + last.getYear();
    }

    private static CalendarView.Links links(CalendarWindow window, LocalDate today, ZoneId zone, boolean team,
                                            Long whose, SignedInUser me) {
        String span = window.span().param();
        Long user = whose == null || whose == me.userId() ? null : whose;
        return new CalendarView.Links(link(span, window.previous(), zone, user, team),
                link(span, today, zone, user, team), link(span, window.next(), zone, user, team),
                link("day", window.first(), zone, user, team), link("week", window.first(), zone, user, team),
                link(span, window.first(), zone, null, false), link(span, window.first(), zone, null, true));
    }

    private static String link(String span, LocalDate date, ZoneId zone, Long user, boolean team) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(PATH).queryParam("span", span)
                .queryParam("date", date).queryParam("zone", "{zone}");
        if (team) {
            link.queryParam("team", true);
        } else if (user != null) {
            link.queryParam("user", user);
        }
        // As a variable, the zone is encoded whole: "Etc/GMT+5" must not arrive as "Etc/GMT 5".
        return link.encode().buildAndExpand(zone.getId()).toUriString();
    }

    private static LocalDate date(String text, LocalDate today) {
        try {
            return text.isBlank() ? today : LocalDate.parse(text.strip());
        } catch (DateTimeException notADate) {
            return today;
        }
    }
}
