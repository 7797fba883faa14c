package horizon.workspace;

import horizon.writeback.ActionReceipt;
import horizon.writeback.ActionRefused;

/**
 * What the agent reads next to a form after sending it.
 *
 * @param kind    how it went
 * @param message the sentence to show
 */
public record ActionOutcome(Kind kind, String message) {

    /** How an action went. */
    public enum Kind {
        /** In the outbox, on its way to the PSA. */
        QUEUED,
        /** Nothing to send: the PSA already has it that way. */
        UNCHANGED,
        /** The ticket changed since the agent saw it; sending again with {@code confirm} goes ahead. */
        CONFIRM,
        /** The agent is not mapped to an active helpdesk user. */
        NOT_MAPPED,
        /** Refused for another reason (input, connection, ticket gone). */
        REFUSED
    }

    static ActionOutcome of(ActionReceipt receipt, String psa) {
        if (receipt.action().isEmpty()) {
            return new ActionOutcome(Kind.UNCHANGED, receipt.unchanged());
        }
        return new ActionOutcome(Kind.QUEUED, "Sent to " + psa + ": " + receipt.action().get().summary()
                + ". It shows as pending until " + psa + " has it.");
    }

    static ActionOutcome of(ActionRefused refused) {
        Kind kind = switch (refused.reason()) {
            case CONFIRM -> Kind.CONFIRM;
            case NOT_MAPPED -> Kind.NOT_MAPPED;
            default -> Kind.REFUSED;
        };
        return new ActionOutcome(kind, refused.getMessage());
    }

    static ActionOutcome refused(String message) {
        return new ActionOutcome(Kind.REFUSED, message);
    }

    public boolean queued() {
        return kind == Kind.QUEUED;
    }
}
