package horizon.writeback;

import java.util.Optional;

/**
 * What became of an agent's action: queued in the outbox, or nothing to send because the PSA already has it that
 * way (assigning the current assignee, setting the current status).
 *
 * @param action    the queued action; empty when nothing was sent
 * @param unchanged why nothing was sent, null when queued
 */
public record ActionReceipt(Optional<OutboxAction> action, String unchanged) {

    static ActionReceipt queued(OutboxAction action) {
        return new ActionReceipt(Optional.of(action), null);
    }

    static ActionReceipt unchanged(String why) {
        return new ActionReceipt(Optional.empty(), why);
    }
}
