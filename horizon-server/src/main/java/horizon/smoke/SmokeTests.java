package horizon.smoke;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Starts smoke tests and reads them back. A test runs as a db-scheduler task, on whichever node is free, while the
 * page and the API poll its row; one account runs one test at a time.
 */
@Service
public class SmokeTests {

    static final String TASK = "horizon-smoke-test";
    static final TaskDescriptor<Void> RUN = TaskDescriptor.of(TASK);

    private final SmokeTestRepository tests;
    private final HelpdeskConnections connections;
    private final SchedulerClient scheduler;
    private final Clock clock;

    SmokeTests(SmokeTestRepository tests, HelpdeskConnections connections, @Lazy SchedulerClient scheduler,
               Clock clock) {
        this.tests = tests;
        this.connections = connections;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Starts a test, or returns the one still running.
     *
     * @throws IllegalStateException when the account is not connected
     */
    public SmokeTest start(SignedInUser admin) {
        Optional<SmokeTest> latest = tests.latest(admin.accountId());
        if (latest.isPresent() && latest.get().running()) {
            return latest.get();
        }
        HelpdeskKind psa = connections.kind(admin.accountId())
                .orElseThrow(() -> new IllegalStateException("Connect a helpdesk before running the smoke test."));
        long id = tests.start(admin.accountId(), admin.userId(), SmokeTestRunner.steps(psa), clock.instant());
        scheduler.scheduleIfNotExists(RUN.instance(String.valueOf(id)).scheduledTo(clock.instant()));
        return tests.find(admin.accountId(), id).orElseThrow();
    }

    public Optional<SmokeTest> find(long accountId, long id) {
        return tests.find(accountId, id);
    }

    public Optional<SmokeTest> latest(long accountId) {
        return tests.latest(accountId);
    }

    @Configuration(proxyBeanMethods = false)
    static class Scheduling {

        @Bean
        OneTimeTask<Void> smokeTestTask(SmokeTestRunner runner) {
            return Tasks.oneTime(TASK).execute((instance, context) -> runner.run(Long.parseLong(instance.getId())));
        }
    }
}
