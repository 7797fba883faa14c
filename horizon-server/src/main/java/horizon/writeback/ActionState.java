package horizon.writeback;

/** Where an outbox action stands. */
public enum ActionState {
    /** Waiting to be sent, or to be sent again after a failure that may pass. */
    PENDING,
    /** The PSA has it. */
    SYNCED,
    /** The PSA refused it for good, or retrying gave up; an admin may retry or drop it. */
    FAILED,
    /** An admin gave up on it. */
    DROPPED;

    public boolean finished() {
        return this != PENDING;
    }
}
