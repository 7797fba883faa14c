package horizon.mirror;

/**
 * What one write into the mirror did, record by record. Every record handed in is counted exactly once
 * (a tombstoning call counts the ids it was given).
 *
 * @param inserted       new rows
 * @param updated        live rows whose content changed
 * @param revived        tombstoned rows brought back because the PSA returned the record after its deletion
 * @param unchanged      rows already holding this content (same hash), or ids already tombstoned / never mirrored
 *                       when tombstoning
 * @param skippedStale   records older than what the mirror holds (stored remote timestamp newer, a newer duplicate
 *                       in the same batch, or a copy from before the record's deletion); nothing written
 * @param deleted        rows tombstoned by this call
 * @param childrenDeleted notes and time entries tombstoned along with their tickets
 */
public record MirrorWriteResult(
        int inserted,
        int updated,
        int revived,
        int unchanged,
        int skippedStale,
        int deleted,
        int childrenDeleted) {

    public static final MirrorWriteResult NONE = new MirrorWriteResult(0, 0, 0, 0, 0, 0, 0);

    /** Rows this call wrote: inserted, updated or revived. */
    public int written() {
        return inserted + updated + revived;
    }

    /** The sum of two results, for totals over batches. */
    public MirrorWriteResult plus(MirrorWriteResult other) {
        return new MirrorWriteResult(inserted + other.inserted, updated + other.updated, revived + other.revived,
                unchanged + other.unchanged, skippedStale + other.skippedStale, deleted + other.deleted,
                childrenDeleted + other.childrenDeleted);
    }
}
