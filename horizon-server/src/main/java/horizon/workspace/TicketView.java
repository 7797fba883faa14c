package horizon.workspace;

import horizon.helpdesk.HelpdeskTicket;
import java.util.List;

/**
 * The ticket page's live part: the ticket with labels, its thread and time (pending actions included), and the
 * outbox actions of the ticket.
 *
 * @param seen        the version the agent sees, sent back with each action
 * @param fingerprint what the page was drawn from; a refresh with the same fingerprint changes nothing
 */
public record TicketView(HelpdeskTicket ticket, String status, String priority, String queue, String company,
                         String contact, String assignee, String due, String created, String completed,
                         String lastActivity, List<ThreadEntry> thread, List<TimeRow> time, List<ActionRow> actions,
                         String seen, String fingerprint) {

    /**
     * A note of the thread, mirrored or still in the outbox.
     *
     * @param mark "pending" or "failed" for a note the PSA does not have yet, null for a mirrored one
     */
    public record ThreadEntry(String title, String text, String author, String visibility, String created,
                              String mark) {
    }

    /** A time entry, mirrored or still in the outbox ({@code mark} as for notes). */
    public record TimeRow(String who, String when, String hours, String summary, String mark) {
    }

    /**
     * An outbox action of the ticket.
     *
     * @param state   pending, retrying, synced, failed or dropped
     * @param message what went wrong, in the PSA's words where it said something; null when nothing did
     */
    public record ActionRow(long id, String kind, String summary, String state, String message, String created,
                            boolean retryable) {
    }
}
