package horizon.sync;

/**
 * The mass-delete guard of full comparisons: one comparison may delete at most a set share of what the mirror holds.
 * A PSA that answers a listing with too little (a permission removed, a filter gone wrong) must not empty the mirror.
 *
 * @param maxSharePercent the largest share (0–100) of held records one comparison may delete
 */
record DeleteGuard(int maxSharePercent) {

    /** Whether deleting {@code toDelete} of {@code held} records is within the share. */
    boolean allows(long toDelete, long held) {
        if (toDelete <= 0) {
            return true;
        }
        if (held <= 0) {
            return false;
        }
        // toDelete / held <= share / 100, in integers
        return toDelete * 100 <= (long) maxSharePercent * held;
    }
}
