package horizon.todo;

import horizon.mirror.TicketSummary;

/** Where a todo's ticket stands in the PSA, as the mirror last heard: a todo on a finished ticket says so. */
public enum TicketState {
    OPEN(null),
    COMPLETED("Ticket completed in the PSA"),
    DELETED("Ticket deleted in the PSA");

    private final String notice;

    TicketState(String notice) {
        this.notice = notice;
    }

    /** The sentence shown beside the todo, or null for an open ticket. */
    public String notice() {
        return notice;
    }

    /** DELETED when tombstoned or gone from the mirror altogether, COMPLETED when completed, else OPEN. */
    static TicketState of(TicketSummary ticket) {
        if (ticket == null || ticket.deletedAt() != null) {
            return DELETED;
        }
        return ticket.completedAt() != null ? COMPLETED : OPEN;
    }
}
