package horizon.sync;

/** What a sync run did. */
public enum SyncKind {
    /** The first full read after Connect, inside the ingest window; resumable from checkpoints. */
    BACKFILL,
    /** An incremental read of every enabled entity on its watermark. */
    POLL,
    /** A read of the PSA's deletion logs. */
    DELETES,
    /** A full refresh of the picklists. */
    PICKLISTS,
    /** A full comparison of the helpdesk users. */
    USERS,
    /** "Sync now": a poll, the deletion logs and a full comparison of users and picklists, asked for by a person. */
    MANUAL,
    /** One ticket with its notes and time entries. */
    SINGLE_TICKET
}
