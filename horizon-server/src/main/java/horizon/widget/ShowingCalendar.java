package horizon.widget;

import horizon.account.SignedInUser;
import horizon.todo.AgentCalendar;
import horizon.todo.ScheduledTodo;
import horizon.todo.Todos;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The calendar widget's view of the signed-in agent's todos (through {@link Todos}, which owns them): today and the
 * next days in the agent's zone, today first, each todo with a link that opens its ticket in the PSA; then what is
 * left undone from the two weeks before.
 */
@Component
class ShowingCalendar {

    static final int DAYS = 7;
    static final Duration LOOK_BACK = Duration.ofDays(14);

    private final Todos todos;
    private final WidgetHosts hosts;
    private final Clock clock;

    ShowingCalendar(Todos todos, WidgetHosts hosts, Clock clock) {
        this.todos = todos;
        this.hosts = hosts;
        this.clock = clock;
    }

    CalendarJson calendar(SignedInUser me, ZoneId zone) {
        Optional<WidgetHost> host = hosts.of(me.accountId());
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(DAYS).atStartOfDay(zone).toInstant();
        AgentCalendar mine = todos.calendar(me, from, to, null, false).get(0);
        List<CalendarJson.Day> days = new ArrayList<>();
        for (LocalDate day = today; day.isBefore(today.plusDays(DAYS)); day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            List<CalendarJson.Item> items = mine.todos().stream()
                    .filter(t -> t.todo().startsAt().isBefore(dayEnd) && t.todo().endsAt().isAfter(dayStart))
                    .map(t -> item(t, zone, host)).toList();
            if (day.equals(today) || !items.isEmpty()) {
                days.add(new CalendarJson.Day(day.toString(), WidgetTimes.dayLabel(day, today), items));
            }
        }
        List<CalendarJson.Item> earlier = todos.calendar(me, from.minus(LOOK_BACK), from, null, false).get(0)
                .todos().stream()
                .filter(t -> !t.todo().done() && !t.todo().endsAt().isAfter(from))
                .sorted(Comparator.comparing((ScheduledTodo t) -> t.todo().startsAt()).reversed())
                .map(t -> item(t, zone, host)).toList();
        return new CalendarJson(mine.displayName(), days, earlier, WidgetTimes.date(today.plusDays(DAYS - 1)));
    }

    /** A todo as the widgets show it, with its ticket's link in the PSA. */
    static CalendarJson.Item item(ScheduledTodo scheduled, ZoneId zone, Optional<WidgetHost> host) {
        long ticketId = scheduled.todo().ticketId();
        String label = (scheduled.ticketNumber() == null ? "Ticket " + ticketId : scheduled.ticketNumber())
                + (scheduled.ticketTitle() == null ? "" : " · " + scheduled.ticketTitle());
        String link = host.map(h -> h.widgets().ticketLink(h.zone(), ticketId).toString()).orElse(null);
        return new CalendarJson.Item(scheduled.todo().id(), scheduled.todo().title(),
                WidgetTimes.span(scheduled.todo().startsAt(), scheduled.todo().endsAt(), zone),
                scheduled.todo().done(), scheduled.ticketState().notice(),
                new CalendarJson.TicketLink(ticketId, label, link));
    }
}
