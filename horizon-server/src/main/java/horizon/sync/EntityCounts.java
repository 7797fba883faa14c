package horizon.sync;

import horizon.mirror.MirrorWriteResult;

/**
 * What a run did to one entity.
 *
 * @param fetched   records read from the PSA
 * @param inserted  new in the mirror
 * @param updated   changed (or revived after a deletion)
 * @param unchanged already held, or older than what the mirror holds
 * @param deleted   tombstoned
 */
public record EntityCounts(long fetched, long inserted, long updated, long unchanged, long deleted) {

    public static final EntityCounts NONE = new EntityCounts(0, 0, 0, 0, 0);

    /** The counts of one mirror write of {@code fetched} records. */
    static EntityCounts of(int fetched, MirrorWriteResult result) {
        return new EntityCounts(fetched, result.inserted(), result.updated() + result.revived(),
                result.unchanged() + result.skippedStale(), result.deleted());
    }

    EntityCounts plus(EntityCounts other) {
        return new EntityCounts(fetched + other.fetched, inserted + other.inserted, updated + other.updated,
                unchanged + other.unchanged, deleted + other.deleted);
    }
}
