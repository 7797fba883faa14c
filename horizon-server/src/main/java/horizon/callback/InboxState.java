package horizon.callback;

/** Where one inbound call stands; see V18__callbacks.sql. */
public enum InboxState {
    QUEUED, PROCESSED, IGNORED, REJECTED, FAILED
}
