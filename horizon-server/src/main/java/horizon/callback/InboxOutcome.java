package horizon.callback;

import horizon.mirror.MirrorOutcome;

/** What processing a call did to the mirror (or to the account's webhooks). */
public enum InboxOutcome {
    INSERTED, UPDATED, UNCHANGED, DELETED, STALE, REREGISTERED;

    static InboxOutcome of(MirrorOutcome outcome) {
        return switch (outcome) {
            case INSERTED -> INSERTED;
            case UPDATED, REVIVED -> UPDATED;
            case UNCHANGED -> UNCHANGED;
            case STALE -> STALE;
            case DELETED -> DELETED;
        };
    }
}
