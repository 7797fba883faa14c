package horizon.callback;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import horizon.helpdesk.configuration.HelpdeskConnected;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

/**
 * The callback pipeline's background work on db-scheduler, so one node does each job at a time: registering an
 * account's webhooks after Connect, the periodic check that repairs missing or switched-off webhooks (each account
 * about once per {@code check-interval}, spread over it), and the Callback Log's retention.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallbackProperties.class)
class CallbackScheduling {

    static final String REGISTER_TASK = "horizon-callback-register";
    static final String CHECK_TASK = "horizon-callback-check";
    static final String RETENTION_TASK = "horizon-callback-retention";
    static final TaskDescriptor<Void> REGISTER = TaskDescriptor.of(REGISTER_TASK);
    /** Accounts one check tick looks at, at most; those left over are next in line on the following tick. */
    static final int CHECK_BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(CallbackScheduling.class);

    @Bean
    OneTimeTask<Void> callbackRegisterTask(WebhookRegistrar registrar, HookContexts contexts) {
        return Tasks.oneTime(REGISTER_TASK).execute((instance, context) -> {
            long accountId = Long.parseLong(instance.getId());
            registrar.register(accountId);
            contexts.forget(accountId);
        });
    }

    /**
     * Every tenth of {@code check-interval}, the accounts whose webhooks were last checked (or registered) at least an
     * interval ago, at most {@value #CHECK_BATCH}: each account is still checked about once an interval, but a tick reads
     * and calls only those due, so the checks spread over the interval instead of every account's PSA being called in
     * one burst, and a tick's work does not grow with the number of accounts.
     */
    @Bean
    RecurringTask<Void> callbackCheckTask(HelpdeskConnections connections, WebhookRegistrar registrar,
                                          WebhookStore store, HookContexts contexts, CallbackProperties properties,
                                          Clock clock) {
        return Tasks.recurring(CHECK_TASK, FixedDelay.of(properties.checkInterval().dividedBy(10)))
                .execute((instance, context) -> {
                    Instant before = clock.instant().minus(properties.checkInterval());
                    for (long accountId : store.dueForCheck(before, CHECK_BATCH)) {
                        // A stopped connection is asked again once it works; its turn passes meanwhile.
                        if (connections.stopped(accountId).isEmpty()) {
                            try {
                                if (registrar.check(accountId)) {
                                    contexts.forget(accountId);
                                }
                            } catch (RuntimeException failure) {
                                log.warn("callback webhook check failed account={}: {}", accountId,
                                        failure.getMessage());
                            }
                        }
                        store.checked(accountId, clock.instant());
                    }
                });
    }

    @Bean
    RecurringTask<Void> callbackRetentionTask(InboxRepository inbox, CallbackProperties properties, Clock clock) {
        return Tasks.recurring(RETENTION_TASK, FixedDelay.of(Duration.ofHours(6)))
                .execute((instance, context) -> {
                    int removed = inbox.prune(clock.instant().minus(properties.retention()));
                    log.info("callback log retention removed={}", removed);
                });
    }

    /** Asks for the account's webhooks to be registered now, on whichever node is free. */
    static void scheduleRegistration(SchedulerClient scheduler, long accountId, Clock clock) {
        scheduler.scheduleIfNotExists(REGISTER.instance(String.valueOf(accountId)).scheduledTo(clock.instant()));
    }

    /**
     * After Connect: webhooks of credentials that were replaced by others are removed from their PSA, and the new
     * connection's are registered.
     */
    @Bean
    ConnectionListener callbackConnectionListener(WebhookRegistrar registrar, WebhookStore store,
                                                  @Lazy SchedulerClient scheduler, Clock clock) {
        return new ConnectionListener(registrar, store, scheduler, clock);
    }

    static final class ConnectionListener {
        private final WebhookRegistrar registrar;
        private final WebhookStore store;
        private final SchedulerClient scheduler;
        private final Clock clock;

        ConnectionListener(WebhookRegistrar registrar, WebhookStore store, SchedulerClient scheduler, Clock clock) {
            this.registrar = registrar;
            this.store = store;
            this.scheduler = scheduler;
            this.clock = clock;
        }

        @EventListener
        void connected(HelpdeskConnected event) {
            if (event.replacedOther()) {
                registrar.unregister(event.accountId(), event.previousKind(), event.previousCredentials());
            }
            if (event.replacedOther() || store.hooks(event.accountId()).isEmpty()) {
                scheduleRegistration(scheduler, event.accountId(), clock);
            }
        }
    }
}
