package horizon.writeback;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWrite;
import java.time.Instant;

/**
 * One agent action in the outbox, as stored.
 *
 * @param write            what is sent, author included
 * @param summary          one line for people, e.g. "Status → Complete"
 * @param attempts         sends started so far
 * @param outcomeUnknown   an attempt went out and whether the PSA made the change is not known; a create is looked
 *                         for in the PSA before it is sent again
 * @param sentAt           when the first attempt went out
 * @param resultExternalId the PSA record the action made or changed, once synced
 * @param errorTitle       the last failure's heading (also while it is retried)
 * @param psaMessage       what the PSA said, in its own words
 */
public record OutboxAction(long id, long accountId, HelpdeskKind psa, long ticketId, ActionKind kind,
                           HelpdeskWrite write, String summary, long horizonUserId, ActionState state, int attempts,
                           boolean outcomeUnknown, Instant nextAttemptAt, Instant createdAt, Instant sentAt,
                           Instant finishedAt, Long resultExternalId, String errorTitle, String errorMessage,
                           String psaMessage) {

    /** Pending after a failed attempt: it will be sent again at {@link #nextAttemptAt()}. */
    public boolean retrying() {
        return state == ActionState.PENDING && errorMessage != null;
    }

    /** How the action reads in a list: pending, retrying, synced, failed or dropped. */
    public String stateLabel() {
        return retrying() ? "retrying" : state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
