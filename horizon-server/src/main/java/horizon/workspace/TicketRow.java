package horizon.workspace;

import horizon.helpdesk.HelpdeskTicket;

/** One line of the ticket list, labels resolved. */
public record TicketRow(long id, String number, String title, String status, String priority, String queue,
                        String assignee, String lastActivity) {

    static TicketRow of(HelpdeskTicket ticket, TicketLabels labels) {
        return new TicketRow(ticket.externalId(), ticket.number(), ticket.title(), labels.status(ticket.status()),
                labels.priority(ticket.priority()), labels.queue(ticket.queueId()),
                labels.user(ticket.assigneeResourceId()),
                Times.minute(ticket.lastActivityAt() != null ? ticket.lastActivityAt() : ticket.remoteUpdatedAt()));
    }
}
