package horizon.smoke;

import horizon.account.HorizonUser;
import horizon.account.SignedInUser;
import horizon.account.UserRepository;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskWriter;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.sync.SyncNow;
import horizon.writeback.ActionReceipt;
import horizon.writeback.ActionRefused;
import horizon.writeback.ActionState;
import horizon.writeback.OutboxAction;
import horizon.writeback.Writeback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs a smoke test's four steps against the connected PSA, recording each step's result and time as it goes: the
 * two-minute check an admin makes after every credential or webhook change, done by Horizon.
 */
@Component
class SmokeTestRunner {

    static final List<String> STEP_NAMES = List.of("Create a test ticket in the PSA", "The ticket arrives in Horizon",
            "Complete it from Horizon", "The PSA shows it completed");

    private static final Logger log = LoggerFactory.getLogger(SmokeTestRunner.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(100);
    private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(5);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final SmokeTestRepository tests;
    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final MirrorQueries mirror;
    private final Writeback writeback;
    private final UserRepository users;
    private final SyncNow syncNow;
    private final Clock clock;

    SmokeTestRunner(SmokeTestRepository tests, HelpdeskConnections connections, Helpdesks helpdesks,
                    MirrorQueries mirror, Writeback writeback, UserRepository users, @Lazy SyncNow syncNow, Clock clock) {
        this.syncNow = syncNow;
        this.tests = tests;
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.mirror = mirror;
        this.writeback = writeback;
        this.users = users;
        this.clock = clock;
    }

    /** The steps of a test about to start, named for the PSA. */
    static List<SmokeStep> steps(HelpdeskKind psa) {
        return STEP_NAMES.stream().map(n -> SmokeStep.waiting(n.replace("the PSA", psa.displayName()))).toList();
    }

    void run(long testId) {
        SmokeTest test = tests.find(testId).orElse(null);
        if (test == null || !test.running()) {
            return;
        }
        Run run = new Run(test);
        if (test.steps().stream().anyMatch(s -> !"WAITING".equals(s.state()))) {
            // Started before a restart: what it did is unknown, so it ends here rather than make a second ticket.
            run.failFrom(firstUnfinished(test), "Horizon restarted during the test; run it again.");
            return;
        }
        try {
            run.all();
        } catch (RuntimeException failure) {
            log.warn("smoke test {} account={} failed unexpectedly", testId, test.accountId(), failure);
            run.failFrom(run.current, "Horizon error: " + failure.getMessage());
        }
    }

    private static int firstUnfinished(SmokeTest test) {
        for (int i = 0; i < test.steps().size(); i++) {
            String state = test.steps().get(i).state();
            if (state.equals("WAITING") || state.equals("RUNNING")) {
                return i;
            }
        }
        return test.steps().size() - 1;
    }

    /** One run's state: its steps as they end, saved after each. */
    private final class Run {
        private final SmokeTest test;
        private final List<SmokeStep> steps;
        private Long ticketId;
        private int current;

        Run(SmokeTest test) {
            this.test = test;
            this.steps = new ArrayList<>(test.steps());
            this.ticketId = test.ticketId();
        }

        void all() {
            long accountId = test.accountId();
            Optional<HelpdeskKind> psa = connections.kind(accountId);
            Optional<HelpdeskCredentials> credentials = connections.credentials(accountId);
            if (psa.isEmpty() || credentials.isEmpty()) {
                failFrom(0, "The account is not connected to a helpdesk.");
                return;
            }
            HelpdeskWriter writer = helpdesks.writer(psa.get());
            String name = psa.get().displayName();

            HelpdeskTicket created = step(0, () -> {
                HelpdeskTicket ticket = writer.createTicket(credentials.get(), "Horizon smoke test "
                        + WHEN.format(clock.instant()) + " (safe to close or delete)", "Created by Horizon's smoke "
                        + "test on the Helpdesk Configuration page. Horizon completes it as part of the test.");
                ticketId = ticket.externalId();
                return ticket;
            }, t -> "Ticket " + t.number() + " created.");
            if (created == null) {
                return;
            }
            Duration arrival = Duration.ofSeconds(connections.settings(accountId).pollingIntervalSeconds())
                    .plusSeconds(60);
            String[] how = {"by webhook"};
            HelpdeskTicket arrived = step(1, () -> {
                Supplier<Optional<HelpdeskTicket>> inMirror = () -> mirror.find(accountId, MirroredEntity.TICKETS,
                        created.externalId());
                Optional<HelpdeskTicket> seen = waitFor(ANNOUNCED_WITHIN, inMirror);
                if (seen.isEmpty()) {
                    // PSAs do not announce the API user's own changes back to it, and Horizon asks them not to: the
                    // test ticket comes with the next poll, asked for now.
                    how[0] = "by a poll Horizon asked for (" + name + " does not announce the API user's own "
                            + "tickets)";
                    syncNow.syncEverything(accountId);
                    seen = waitFor(arrival, inMirror);
                }
                return seen.orElseThrow(() -> new StepFailed("Not in Horizon after " + arrival.toSeconds()
                        + " s: neither a webhook nor a poll brought it. Check Callback Status and the Sync Run logs."));
            }, t -> "In Horizon, " + how[0] + ".");
            if (arrived == null) {
                return;
            }
            String complete;
            try {
                complete = writer.completeStatus(credentials.get(), arrived);
            } catch (HelpdeskException failure) {
                failFrom(2, psaFailure(failure));
                return;
            }
            OutboxAction sent = step(2, () -> completeFromHorizon(accountId, arrived, complete),
                    a -> "Sent to " + name + " through the outbox: " + a.summary() + ".");
            if (sent == null) {
                return;
            }
            HelpdeskTicket shown = step(3, () -> writer.ticket(credentials.get(), arrived.externalId())
                    .filter(t -> complete.equals(t.status()))
                    .orElseThrow(() -> new StepFailed(name + " does not show the ticket completed.")),
                    t -> name + " shows it completed.");
            tests.finish(test.id(), shown != null, steps, clock.instant());
        }

        private OutboxAction completeFromHorizon(long accountId, HelpdeskTicket ticket, String status) {
            HorizonUser starter = users.findInAccount(accountId, test.startedBy())
                    .orElseThrow(() -> new StepFailed("The admin who started the test no longer exists."));
            SignedInUser user = new SignedInUser(starter.id(), starter.accountId(), starter.email(),
                    starter.displayName(), starter.role());
            ActionReceipt receipt;
            try {
                receipt = writeback.changeStatus(user, ticket.externalId(), status, null, true);
            } catch (ActionRefused refused) {
                throw new StepFailed(refused.getMessage());
            }
            OutboxAction queued = receipt.action().orElseThrow(() -> new StepFailed(receipt.unchanged()));
            // The first failed attempt is the finding: the action itself stays in the outbox and keeps retrying.
            OutboxAction ended = waitFor(WRITE_WAIT, () -> writeback.action(accountId, queued.id())
                    .filter(a -> a.state().finished() || a.retrying())).orElseThrow(() -> new StepFailed(
                    "Still not sent after " + WRITE_WAIT.toSeconds() + " s."));
            if (ended.state() != ActionState.SYNCED) {
                throw new StepFailed(ended.errorTitle() + ": " + (ended.psaMessage() != null ? ended.psaMessage()
                        : ended.errorMessage()) + (ended.retrying() ? " (the outbox keeps retrying it; see the "
                        + "Write-back section)" : ""));
            }
            return ended;
        }

        /** Runs step {@code index}; null when it failed (the rest are then skipped and the test is over). */
        private <T> T step(int index, Supplier<T> work, java.util.function.Function<T, String> detail) {
            current = index;
            Instant start = clock.instant();
            steps.set(index, new SmokeStep(steps.get(index).name(), "RUNNING", null, null));
            tests.progress(test.id(), ticketId, steps);
            try {
                T result = work.get();
                steps.set(index, new SmokeStep(steps.get(index).name(), "PASSED", millisSince(start),
                        detail.apply(result)));
                tests.progress(test.id(), ticketId, steps);
                return result;
            } catch (StepFailed failure) {
                failFrom(index, failure.getMessage(), millisSince(start));
            } catch (HelpdeskException failure) {
                failFrom(index, psaFailure(failure), millisSince(start));
            }
            return null;
        }

        void failFrom(int index, String why) {
            failFrom(index, why, null);
        }

        private void failFrom(int index, String why, Long millis) {
            steps.set(index, new SmokeStep(steps.get(index).name(), "FAILED", millis, why));
            for (int i = index + 1; i < steps.size(); i++) {
                steps.set(i, new SmokeStep(steps.get(i).name(), "SKIPPED", null, null));
            }
            tests.progress(test.id(), ticketId, steps);
            tests.finish(test.id(), false, steps, clock.instant());
        }

        private long millisSince(Instant start) {
            return Duration.between(start, clock.instant()).toMillis();
        }
    }

    private <T> Optional<T> waitFor(Duration limit, Supplier<Optional<T>> look) {
        Instant until = clock.instant().plus(limit);
        while (true) {
            Optional<T> found = look.get();
            if (found.isPresent() || clock.instant().isAfter(until)) {
                return found;
            }
            try {
                Thread.sleep(LOOK_EVERY.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static String psaFailure(HelpdeskException failure) {
        return failure.title() + ": " + failure.getMessage();
    }

    /** A step's failure, in words for the admin. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
