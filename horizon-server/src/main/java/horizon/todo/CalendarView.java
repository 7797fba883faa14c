package horizon.todo;

import java.util.List;

/**
 * The calendar page: a grid of days across and, down, the agent alone or (team view) every agent of the account.
 *
 * @param span     "day" or "week"
 * @param title    the day or the week in words
 * @param zone     the time zone the page is drawn in
 * @param zoneGiven whether the browser told the zone (else the page asks it and reloads)
 * @param team     whether this is the team view, with a row per agent
 * @param whose    the agent whose calendar this is (not in the team view)
 * @param people   the account's users, for an admin's choice of whose calendar to see; empty for agents
 */
public record CalendarView(String span, String title, String zone, boolean zoneGiven, boolean team, Long whose,
                           List<TicketTodosView.Person> people, List<Day> days, List<Row> rows, Links links) {

    /**
     * A column.
     *
     * @param id "2026-11-20"
     */
    public record Day(String id, String label, boolean today) {
    }

    /** An agent's todos, a cell per day. */
    public record Row(long userId, String name, List<Cell> cells) {
    }

    /** One agent's todos reaching into one day, earliest first. */
    public record Cell(String day, List<TodoCard> todos) {
    }

    /** Where the page's links go; each keeps the zone and whose calendar it is. */
    public record Links(String previous, String today, String next, String day, String week, String mine,
                        String team) {
    }
}
