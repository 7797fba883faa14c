package horizon.todo;

import java.time.Instant;
import java.util.List;

/**
 * A todo as the API shows it.
 *
 * @param ticket   the ticket's number, title and state (OPEN, COMPLETED or DELETED in the PSA)
 * @param assignee the assignee's display name
 * @param doneAt   when it was marked done, null while not done
 * @param version  send it back with a change; a change made on an older version is refused with 409
 * @param self     where to read, change (PATCH) or delete it
 */
record TodoJson(long id, long ticketId, Ticket ticket, String title, long assigneeUserId, String assignee,
                Instant start, Instant end, boolean done, Instant doneAt, String notes, long createdByUserId,
                Instant createdAt, Instant updatedAt, int version, String self) {

    /**
     * The todo's ticket as the mirror last heard of it.
     *
     * @param number null when the mirror no longer holds the ticket at all (then state is DELETED)
     */
    record Ticket(long id, String number, String title, String state) {
    }

    static TodoJson of(ScheduledTodo scheduled) {
        Todo t = scheduled.todo();
        return new TodoJson(t.id(), t.ticketId(), new Ticket(t.ticketId(), scheduled.ticketNumber(),
                scheduled.ticketTitle(), scheduled.ticketState().name()), t.title(), t.assigneeUserId(),
                scheduled.assigneeName(), t.startsAt(), t.endsAt(), t.done(), t.doneAt(), t.notes(),
                t.createdByUserId(), t.createdAt(), t.updatedAt(), t.version(), "/api/v1/todos/" + t.id());
    }

    /**
     * {@code POST /api/v1/tickets/{ticketId}/todos}: start and end are ISO-8601 instants; no assignee means the
     * caller.
     */
    record CreateRequest(String title, Long assigneeUserId, String start, String end, String notes) {
    }

    /**
     * {@code PATCH /api/v1/todos/{id}}: any of the fields, plus the version they were made on; a field left out (or
     * null) stays. Only a start moves the todo and keeps its length; blank notes clear them.
     */
    record ChangeRequest(String title, Long assigneeUserId, String start, String end, Boolean done, String notes,
                         Integer version) {
    }

    /** {@code GET /api/v1/calendar}: the window asked for and, per user, their todos in it, earliest first. */
    record Calendar(Instant from, Instant to, List<Agent> users) {

        static Calendar of(Instant from, Instant to, List<AgentCalendar> calendars) {
            return new Calendar(from, to, calendars.stream().map(c -> new Agent(c.userId(), c.displayName(),
                    c.todos().stream().map(TodoJson::of).toList())).toList());
        }
    }

    /** One user's todos in a calendar window. */
    record Agent(long userId, String displayName, List<TodoJson> todos) {
    }
}
