package horizon.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sync engine on db-scheduler. A recurring dispatcher (every {@code horizon.sync.dispatch-interval}, on one node
 * at a time) marks stalled runs INTERRUPTED (at most every quarter of {@code stale-after}) and schedules the one-time task {@value #ACCOUNT_TASK} for each account
 * whose next sync is due ({@code sync_due}: one query, however many accounts there are; each run stores when its
 * account next has work). Its instance id is the account id and it is scheduled with {@code scheduleIfNotExists}, so an account
 * never runs two syncs at once while different accounts run in parallel on every node's scheduler threads. A node that
 * dies while running one leaves the execution to db-scheduler's dead-execution detection; the revived task resumes the
 * backfill from its checkpoints. A daily recurring task ({@value #RETENTION_TASK}) removes old runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class SyncScheduling {

    static final String ACCOUNT_TASK = "horizon-sync-account";
    static final String DISPATCH_TASK = "horizon-sync-dispatch";
    static final String RETENTION_TASK = "horizon-sync-retention";
    static final TaskDescriptor<Void> ACCOUNT = TaskDescriptor.of(ACCOUNT_TASK);
    /** Accounts one dispatch schedules at most, the longest overdue first; the rest follow on the next. */
    private static final int MAX_DISPATCHED = 1000;

    private static final Logger log = LoggerFactory.getLogger(SyncScheduling.class);

    @Bean
    OneTimeTask<Void> syncAccountTask(SyncingAccount syncing) {
        return Tasks.oneTime(ACCOUNT_TASK)
                .execute((instance, context) -> syncing.run(Long.parseLong(instance.getId())));
    }

    @Bean
    @ConditionalOnProperty(name = "horizon.sync.enabled", havingValue = "true", matchIfMissing = true)
    RecurringTask<Void> syncDispatchTask(SyncingAccount syncing, SyncProperties properties, Clock clock) {
        // The sweep for stalled runs looks for heartbeats older than stale-after: every quarter of it is often enough,
        // however often due accounts are looked for.
        Duration sweepEvery = properties.staleAfter().dividedBy(4);
        AtomicReference<Instant> swept = new AtomicReference<>(Instant.MIN);
        return Tasks.recurring(DISPATCH_TASK, FixedDelay.of(properties.dispatchInterval()))
                .execute((instance, context) -> {
                    Instant now = clock.instant();
                    boolean sweep = !swept.get().plus(sweepEvery).isAfter(now);
                    if (sweep) {
                        swept.set(now);
                    }
                    dispatch(syncing, context.getSchedulerClient(), clock, sweep);
                });
    }

    /** Removes old sync runs once a day (first right after the first start), on one node at a time. */
    @Bean
    RecurringTask<Void> syncRunRetentionTask(PruningSyncRuns pruning) {
        return Tasks.recurring(RETENTION_TASK, FixedDelay.of(Duration.ofDays(1)))
                .execute((instance, context) -> pruning.pruneAll());
    }

    private static void dispatch(SyncingAccount syncing, SchedulerClient scheduler, Clock clock, boolean sweep) {
        if (sweep) {
            try {
                syncing.interruptStale();
            } catch (RuntimeException e) {
                log.warn("sync dispatch could not sweep stalled runs: {}", e.getMessage());
            }
        }
        for (long accountId : syncing.dueAccounts(MAX_DISPATCHED)) {
            try {
                schedule(scheduler, accountId, clock);
            } catch (RuntimeException e) {
                log.warn("sync dispatch failed account={}: {}", accountId, e.getMessage());
            }
        }
    }

    /** Schedules the account's sync task now unless it is already scheduled or running. */
    static boolean schedule(SchedulerClient scheduler, long accountId, Clock clock) {
        return scheduler.scheduleIfNotExists(ACCOUNT.instance(String.valueOf(accountId)).scheduledTo(clock.instant()));
    }
}
