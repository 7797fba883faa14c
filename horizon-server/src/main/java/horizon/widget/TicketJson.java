package horizon.widget;

import java.util.List;

/**
 * The ticket widget's data: the ticket as the mirror holds it, its todos, and what the agent can do on it.
 *
 * @param todos      the ticket's todos (every agent's), earliest first
 * @param statuses   the statuses the ticket can be set to
 * @param assignToMe the assignee value that makes the agent the ticket's assignee ({@code resource[:role]}); null
 *                   when they are already, or cannot be (not mapped)
 * @param actions    the ticket's newest write-back actions with their state
 * @param version    the ticket version the agent sees, sent back with an action
 */
record TicketJson(Ticket ticket, Me me, List<CalendarJson.Item> todos, List<Choice> statuses, String assignToMe,
                  List<Action> actions, String version) {

    /**
     * The ticket.
     *
     * @param statusValue the status code; {@code status} its label
     * @param link        where the PSA shows it
     */
    record Ticket(long id, String number, String title, String status, String statusValue, String assignee,
                  String link) {
    }

    /** The signed-in agent: the helpdesk user they are mapped to (null when not), by its PSA id. */
    record Me(String name, Long helpdeskUserId) {
    }

    record Choice(String value, String label) {
    }

    /** A write-back action: what, and where it stands ({@code pending}, {@code synced}, {@code failed}, ...). */
    record Action(String summary, String state) {
    }
}
