package horizon.widget;

import java.util.List;

/**
 * The calendar widget's data: the agent's todos from today on, a day at a time, today first, drawn in the agent's
 * zone; then todos of the past two weeks not done yet.
 *
 * @param agent   whose calendar it is
 * @param days    today, then each later day of the window that holds todos
 * @param earlier todos that ended before today and are not done, newest first
 * @param through the last day of the window, e.g. "Mon 18 May"
 */
record CalendarJson(String agent, List<Day> days, List<Item> earlier, String through) {

    /** One day: its date ({@code 2026-05-12}), its label ("Today · Tue 12 May") and its todos, earliest first. */
    record Day(String date, String label, List<Item> todos) {
    }

    /**
     * One todo as a widget shows it.
     *
     * @param when   its time, e.g. "09:30–10:00"
     * @param notice where its ticket stands when not open, e.g. "Ticket completed in the PSA"; null when open
     */
    record Item(long id, String title, String when, boolean done, String notice, TicketLink ticket) {
    }

    /**
     * The todo's ticket: its number and title, and where the PSA shows it.
     *
     * @param link null while the account's PSA is not connected
     */
    record TicketLink(long id, String label, String link) {
    }
}
