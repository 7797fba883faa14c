package horizon.todo;

import java.util.List;

/**
 * The ticket page's Todos section.
 *
 * @param zone     the agent's time zone, which every form of the section sends back
 * @param people   who a todo can be assigned to
 * @param adding   what the add form shows: blank with the next hour, or what the agent typed when it was refused
 * @param outcome  what the last request did, or null
 */
public record TicketTodosView(long ticketId, String zone, List<TodoCard> todos, List<Person> people, Adding adding,
                              Outcome outcome) {

    /** Whether this user is among those a todo can be given to (a disabled one is not). */
    public boolean assignable(long userId) {
        return people.stream().anyMatch(person -> person.id() == userId);
    }

    /** A user of the account who can be given todos. */
    public record Person(long id, String name) {
    }

    /** The add form's values. */
    public record Adding(String title, String assignee, String start, String end, String notes) {
    }

    /**
     * What the agent reads after a request.
     *
     * @param todoId the todo it was about, or null (added, or refused before there was one)
     */
    public record Outcome(boolean ok, String message, Long todoId) {
    }
}
