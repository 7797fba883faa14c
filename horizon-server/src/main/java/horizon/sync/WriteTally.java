package horizon.sync;

import horizon.mirror.MirrorWriteResult;

/** Where a piece of reading and writing counts what it did: a sync run's log, or a callback batch's tally. */
interface WriteTally {

    /**
     * @param fetched  records read from the PSA
     * @param progress whether this write moves a run's progress (a sync run's heartbeat watches it)
     */
    void wrote(String entity, int fetched, MirrorWriteResult result, boolean progress);

    /** A tally that keeps nothing. */
    WriteTally NONE = (entity, fetched, result, progress) -> { };
}
