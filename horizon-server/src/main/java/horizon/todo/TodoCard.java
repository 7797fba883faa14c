package horizon.todo;

import java.time.ZoneId;

/**
 * A todo as the ticket page and the calendar draw it, its times in the agent's zone.
 *
 * @param ticketLabel  "T20261120.0001 · Printer offline", or "Ticket 7101" when the mirror lost it
 * @param ticketLinked whether the ticket has a page to link to (not when deleted in the PSA)
 * @param ticketState  OPEN, COMPLETED or DELETED
 * @param ticketNotice "Ticket completed in the PSA" and the like, null while the ticket is open
 * @param when         the span with its day(s), for the ticket page
 * @param clock        the span for a calendar cell, whose day is known
 * @param startValue   the start as a datetime-local field shows it
 * @param endValue     the end likewise
 * @param doneAt       when it was marked done, or empty
 */
public record TodoCard(long id, int version, long ticketId, String ticketLabel, boolean ticketLinked,
                       String ticketState, String ticketNotice, String title, String notes, long assigneeUserId,
                       String assignee, String when, String clock, String startValue, String endValue, boolean done,
                       String doneAt) {

    static TodoCard of(ScheduledTodo scheduled, ZoneId zone) {
        Todo todo = scheduled.todo();
        String label = scheduled.ticketNumber() == null ? "Ticket " + todo.ticketId()
                : scheduled.ticketTitle() == null || scheduled.ticketTitle().isBlank() ? scheduled.ticketNumber()
                : scheduled.ticketNumber() + " · " + scheduled.ticketTitle();
        return new TodoCard(todo.id(), todo.version(), todo.ticketId(), label,
                scheduled.ticketState() != TicketState.DELETED, scheduled.ticketState().name(),
                scheduled.ticketState().notice(), todo.title(), todo.notes() == null ? "" : todo.notes(),
                todo.assigneeUserId(), scheduled.assigneeName(),
                LocalTimes.span(todo.startsAt(), todo.endsAt(), zone),
                LocalTimes.clock(todo.startsAt(), todo.endsAt(), zone),
                LocalTimes.input(todo.startsAt(), zone), LocalTimes.input(todo.endsAt(), zone), todo.done(),
                todo.doneAt() == null ? "" : LocalTimes.minute(todo.doneAt(), zone));
    }
}
