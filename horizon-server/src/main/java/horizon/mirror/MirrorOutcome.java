package horizon.mirror;

/** What the guarded write did to one record; {@link MirrorWriteResult} counts these. */
public enum MirrorOutcome {
    INSERTED, UPDATED, REVIVED, UNCHANGED, STALE, DELETED
}
