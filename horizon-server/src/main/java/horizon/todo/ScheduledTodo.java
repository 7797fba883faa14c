package horizon.todo;

/**
 * A todo with what is shown beside it: its ticket's number, title and state, and the assignee's name.
 *
 * @param ticketNumber null when the mirror no longer has the ticket at all
 * @param ticketTitle  null likewise
 */
public record ScheduledTodo(Todo todo, String ticketNumber, String ticketTitle, TicketState ticketState,
                            String assigneeName) {
}
