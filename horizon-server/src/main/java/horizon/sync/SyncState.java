package horizon.sync;

/** Where a sync run stands. Only SUCCEEDED means the run read everything it set out to read. */
public enum SyncState {
    /** Asked for, waiting for the account's sync task. */
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Stopped before it finished: its node shut down or its heartbeat stopped. */
    INTERRUPTED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == INTERRUPTED;
    }
}
