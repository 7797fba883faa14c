package horizon.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes sync runs nobody needs any more, once a day: polls and deletion-log reads that changed nothing after
 * {@code horizon.sync.quiet-run-retention} (a poll a minute would otherwise pile up without end), every other run after
 * {@code horizon.sync.run-retention}. The latest run of each kind always stays (the sync engine decides from the latest
 * backfill whether the first one has finished), and so does the first run of a backfill another remaining run resumed,
 * because its checkpoints are kept under it; the checkpoints of a removed run go with it.
 */
@Component
class PruningSyncRuns {

    /** Runs removed per statement: the ids are bound as parameters. */
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(PruningSyncRuns.class);

    private final SyncRunRepository runs;
    private final BackfillCheckpointRepository checkpoints;
    private final SyncProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PruningSyncRuns(SyncRunRepository runs, BackfillCheckpointRepository checkpoints, SyncProperties properties,
                    PlatformTransactionManager transactionManager, Clock clock) {
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Prunes every account; returns how many runs were removed. */
    int pruneAll() {
        int removed = 0;
        for (long accountId : runs.accountsWithRuns()) {
            try {
                removed += prune(accountId);
            } catch (RuntimeException e) {
                log.warn("sync run retention failed account={}: {}", accountId, e.getMessage());
            }
        }
        return removed;
    }

    /** Prunes one account's runs; returns how many were removed. */
    int prune(long accountId) {
        Instant now = clock.instant();
        int quiet = remove(accountId, runs.quietRunsBefore(accountId, now.minus(properties.quietRunRetention())));
        int old = remove(accountId, runs.finishedRunsBefore(accountId, now.minus(properties.runRetention())));
        if (quiet + old > 0) {
            log.info("sync runs removed account={} quiet={} older={} quietRetention={} retention={}", accountId, quiet,
                    old, properties.quietRunRetention(), properties.runRetention());
        }
        return quiet + old;
    }

    private int remove(long accountId, List<Long> ids) {
        int removed = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(from + BATCH, ids.size()));
            removed += transactions.execute(status -> {
                checkpoints.deleteForRuns(accountId, batch);
                return runs.delete(accountId, batch);
            });
        }
        return removed;
    }
}
