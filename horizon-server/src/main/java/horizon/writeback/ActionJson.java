package horizon.writeback;

import java.time.Instant;

/**
 * An outbox action as the API shows it.
 *
 * @param state       PENDING, SYNCED, FAILED or DROPPED ({@code retrying} says a PENDING one failed before)
 * @param resultId    the PSA record the action made (note, time entry) or changed (ticket), once synced
 * @param errorTitle  the last failure's heading, also while it is retried
 * @param psaMessage  what the PSA said, in its words
 * @param self        where to poll the action
 */
record ActionJson(long id, long ticketId, String kind, String summary, String state, boolean retrying, int attempts,
                  Instant createdAt, Instant finishedAt, Instant nextAttemptAt, Long resultId, String errorTitle,
                  String errorMessage, String psaMessage, String self) {

    static ActionJson of(OutboxAction a) {
        return new ActionJson(a.id(), a.ticketId(), a.kind().name(), a.summary(), a.state().name(), a.retrying(),
                a.attempts(), a.createdAt(), a.finishedAt(), a.state().finished() ? null : a.nextAttemptAt(),
                a.resultExternalId(), a.errorTitle(), a.errorMessage(), a.psaMessage(), "/api/v1/actions/" + a.id());
    }

    /** The answer to an action request: the queued action, or why nothing was sent. */
    record Receipt(String state, String message, ActionJson action) {

        static Receipt of(ActionReceipt receipt) {
            return receipt.action().map(a -> new Receipt(a.state().name(), null, ActionJson.of(a)))
                    .orElseGet(() -> new Receipt("UNCHANGED", receipt.unchanged(), null));
        }
    }

    /** {@code POST /api/v1/tickets/{id}/assign}. */
    record AssignRequest(Long resourceId, Long roleId, String seen, Boolean confirm) {
    }

    /** {@code POST /api/v1/tickets/{id}/status}. */
    record StatusRequest(String status, String seen, Boolean confirm) {
    }

    /** {@code POST /api/v1/tickets/{id}/notes}: visibility INTERNAL (default), PUBLIC or RESOLUTION. */
    record NoteRequest(String text, String title, String visibility) {
    }

    /** {@code POST /api/v1/tickets/{id}/time-entries}: start and end, or a duration in minutes that ends now. */
    record TimeRequest(Instant start, Instant end, Integer durationMinutes, Long roleId, String summary) {
    }
}
