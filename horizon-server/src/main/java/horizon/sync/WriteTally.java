package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.mirror.MirrorWriteResult;

/** Where a piece of reading and writing counts what it did: a sync run's log, or a callback batch's tally. */
interface WriteTally {

    /**
     * @param fetched  records read from the PSA
     * @param progress whether this write moves a run's progress (a sync run's heartbeat watches it)
     */
    void wrote(String entity, int fetched, MirrorWriteResult result, boolean progress);

    /**
     * Hears of every page read, to quarantine what of it could not be taken in full (a sync run's log does; a callback
     * batch's records are quarantined by their inbox row's outcome instead).
     */
    default void checked(HelpdeskEntity entity, RecordPage<? extends HelpdeskRecord> page) {
    }

    /** A tally that keeps nothing. */
    WriteTally NONE = (entity, fetched, result, progress) -> { };
}
