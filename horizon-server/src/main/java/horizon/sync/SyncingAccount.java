package horizon.sync;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.configuration.HelpdeskConnectionRepository;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Everything due for one account, run by the account's one sync task (so one account never runs two syncs at once):
 * runs people asked for, then the backfill until it has finished, then polls, deletion logs and full comparisons when
 * their intervals are up, and the backfill of a widened ingest window when the admin has set a longer one than the
 * mirror covers. Every piece of work is a {@link SyncRun} with its counts, requests and outcome.
 */
@Component
class SyncingAccount implements DisposableBean {

    static final String POLL_JOB = "poll";
    static final String RECONCILE_JOB = "reconcile";
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /**
     * How long a new connection waits for the admin to save its sync settings (the wizard's second step) before the
     * backfill starts with the defaults; saved settings start it at once.
     */
    static final Duration SETTINGS_GRACE = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SyncingAccount.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConnectedAccounts accounts;
    private final HelpdeskConnections connections;
    private final HelpdeskConnectionRepository connectionRepository;
    private final SyncRunRepository runs;
    private final TicketWindowRepository ticketWindows;
    private final SyncScheduleRepository schedule;
    private final SyncDueRepository due;
    private final BackfillingAccount backfill;
    private final PollingAccount polling;
    private final ReadingDeletionLogs deletions;
    private final ReconcilingListings listings;
    private final SyncingOneTicket oneTicket;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sync-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    SyncingAccount(ConnectedAccounts accounts, HelpdeskConnections connections,
                   HelpdeskConnectionRepository connectionRepository, SyncRunRepository runs,
                   TicketWindowRepository ticketWindows, SyncScheduleRepository schedule, SyncDueRepository due,
                   BackfillingAccount backfill, PollingAccount polling,
                   ReadingDeletionLogs deletions, ReconcilingListings listings, SyncingOneTicket oneTicket,
                   SyncStopping stopping, SyncProperties properties, Clock clock) {
        this.accounts = accounts;
        this.connections = connections;
        this.connectionRepository = connectionRepository;
        this.runs = runs;
        this.ticketWindows = ticketWindows;
        this.schedule = schedule;
        this.due = due;
        this.backfill = backfill;
        this.polling = polling;
        this.deletions = deletions;
        this.listings = listings;
        this.oneTicket = oneTicket;
        this.stopping = stopping;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs everything due for the account, then records when it next has work: a permanent failure stops the account's
     * schedule (its connection shows why), a failure that may pass pushes the next try back by a pause that doubles
     * with each failure in a row.
     */
    void run(long accountId) {
        if (stopping.stopping()) {
            return;
        }
        int failures = due.find(accountId).map(SyncDueRepository.Due::failures).orElse(0);
        Attempts attempts = new Attempts();
        try {
            runDue(accountId, failures, attempts);
        } finally {
            if (!stopping.stopping()) {
                plan(accountId, failures, attempts);
            }
        }
    }

    private void runDue(long accountId, int failures, Attempts attempts) {
        ConnectedAccount account;
        try {
            Optional<ConnectedAccount> opened = accounts.open(accountId);
            if (opened.isEmpty()) {
                return;
            }
            account = opened.get();
        } catch (RuntimeException e) {
            log.warn("sync cannot open account={}", accountId, e);
            HelpdeskException unreadable = HelpdeskException.local(HelpdeskException.Kind.CREDENTIALS_UNREADABLE,
                    "The stored helpdesk credentials cannot be opened with this node's master key.", e);
            attempts.stopped = connections.reportFailure(accountId, unreadable);
            failQueued(accountId, "The helpdesk connection cannot be used. " + RunErrors.describe(e));
            return;
        }
        runQueued(account, attempts);
        if (!backfillComplete(accountId)) {
            if (backfillMayStart(accountId, account.settings(), failures)) {
                runBackfill(account, attempts);
            }
            runQueued(account, attempts);
            return;
        }
        Instant now = clock.instant();
        if (isDue(accountId, POLL_JOB, Duration.ofSeconds(account.settings().pollingIntervalSeconds()), now)) {
            schedule.stamp(accountId, POLL_JOB, now);
            run(account, SyncKind.POLL, "schedule", log -> polling.run(account, log), attempts);
            run(account, SyncKind.DELETES, "schedule", log -> deletions.run(account, log), attempts);
        }
        if (isDue(accountId, RECONCILE_JOB, properties.reconcileInterval(), now)) {
            schedule.stamp(accountId, RECONCILE_JOB, now);
            reconcile(account, "schedule", attempts);
        }
        if (!attempts.stopped) {
            pendingWidening(accountId, account.settings())
                    .ifPresent(widening -> runWidening(account, widening, attempts));
        }
        runQueued(account, attempts);
    }

    /** Stores when the account next has work, or that it has none while its connection is stopped. */
    private void plan(long accountId, int failuresBefore, Attempts attempts) {
        if (attempts.stopped || connections.stopped(accountId).isPresent() || connections.kind(accountId).isEmpty()) {
            due.remove(accountId);
            if (attempts.stopped) {
                failQueued(accountId, connections.stopped(accountId).map(f -> f.summary())
                        .orElse("The helpdesk connection stopped."));
            }
            return;
        }
        Instant now = clock.instant();
        int failures = attempts.failure != null ? failuresBefore + 1 : attempts.succeeded ? 0 : failuresBefore;
        Instant next = naturalNext(accountId, connections.settings(accountId), failures, now);
        if (failures > 0) {
            Instant paused = now.plus(properties.retryPauseAfter(failures));
            next = next.isAfter(paused) ? next : paused;
        }
        String lastError = failures == 0 ? null : attempts.failure != null ? attempts.failure
                : due.find(accountId).map(SyncDueRepository.Due::lastError).orElse(null);
        due.save(accountId, new SyncDueRepository.Due(next, failures, lastError), now);
        if (attempts.failure != null) {
            log.info("sync account={} failed {} time(s) in a row; next try at {}", accountId, failures, next);
        }
    }

    /** When the account's next piece of work is due, failures aside. */
    private Instant naturalNext(long accountId, SyncSettings settings, int failures, Instant now) {
        if (!runs.queued(accountId).isEmpty()) {
            return now;
        }
        if (!backfillComplete(accountId)) {
            Optional<SyncRun> latest = runs.latestBackfill(accountId);
            if (latest.isEmpty()) {
                return connectionRepository.findSettings(accountId).isPresent() ? now
                        : connectionRepository.find(accountId).map(c -> c.createdAt().plus(SETTINGS_GRACE)).orElse(now);
            }
            SyncRun run = latest.get();
            return switch (run.state()) {
                case FAILED -> run.finishedAt() == null ? now : run.finishedAt()
                        .plus(properties.retryPauseAfter(Math.max(1, failures)));
                case RUNNING, QUEUED -> now.plus(properties.staleAfter());
                default -> now;
            };
        }
        Instant next = nextRun(accountId, POLL_JOB, Duration.ofSeconds(settings.pollingIntervalSeconds()), now);
        Instant reconcile = nextRun(accountId, RECONCILE_JOB, properties.reconcileInterval(), now);
        if (reconcile.isBefore(next)) {
            next = reconcile;
        }
        return pendingWidening(accountId, settings).isPresent() ? now : next;
    }

    private Instant nextRun(long accountId, String job, Duration interval, Instant now) {
        return schedule.lastRun(accountId, job).map(last -> last.plus(interval)).orElse(now);
    }

    /** How one dispatch of an account went, across its runs. */
    private static final class Attempts {
        /** A run failed in a way that may pass: its error, for the pause's reason. */
        private String failure;
        private boolean succeeded;
        /** A permanent failure stopped the connection: nothing more is run. */
        private boolean stopped;
        /** Runs somebody asked for: their failures (a ticket that does not exist) do not pause the schedule. */
        private final boolean asked;

        Attempts() {
            this(false);
        }

        private Attempts(boolean asked) {
            this.asked = asked;
        }
    }

    private void reconcile(ConnectedAccount account, String trigger, Attempts attempts) {
        if (Streams.enabled(account.settings(), horizon.helpdesk.HelpdeskEntity.HELPDESK_USERS)) {
            run(account, SyncKind.USERS, trigger, log -> listings.helpdeskUsers(account, log, true), attempts);
        }
        run(account, SyncKind.PICKLISTS, trigger, log -> listings.picklists(account, log), attempts);
        if (ReconcilingListings.ticketIdsNeeded(account)) {
            run(account, SyncKind.DELETES, trigger, log -> listings.ticketIds(account, log), attempts);
        }
    }

    private void runBackfill(ConnectedAccount account, Attempts attempts) {
        long accountId = account.accountId();
        Optional<SyncRun> latest = runs.latestBackfill(accountId);
        Instant now = clock.instant();
        Long resumedFrom = null;
        Instant windowStart = now.minus(Duration.ofDays(account.settings().ingestWindowDays()));
        String trigger = "connect";
        if (latest.isPresent()) {
            SyncRun previous = latest.get();
            resumedFrom = previous.resumedFromRunId() != null ? previous.resumedFromRunId() : previous.id();
            if (previous.windowStart() != null) {
                windowStart = previous.windowStart();
            }
            trigger = "resume";
        }
        String scope = latest.map(SyncRun::scope).orElseGet(() -> "tickets changed since "
                + DAY.format(now.minus(Duration.ofDays(account.settings().ingestWindowDays()))) + " (ingest window of "
                + account.settings().ingestWindowDays() + " days)");
        long runId = runs.startBackfill(accountId, trigger, resumedFrom, windowStart, null, scope, node, now);
        long origin = resumedFrom != null ? resumedFrom : runId;
        Instant window = windowStart;
        log.info("sync backfill {} account={} psa={} run={} origin={} windowStart={}",
                resumedFrom != null ? "resuming" : "starting", accountId, account.kind(), runId, origin, window);
        execute(account, runId, log -> {
            log.windowStart(window);
            backfill.run(account, log, origin, window);
            ticketWindows.save(accountId, new TicketWindowRepository.TicketWindow(window, windowDays(accountId,
                    origin, window)), clock.instant());
        }, attempts);
    }

    /**
     * The stretch a widened ingest window still has to read: an unfinished widening (resumed from its checkpoints while
     * the setting still reaches at least as far back), or the stretch between the window the setting asks for now and
     * the one the mirror covers. Empty when the mirror covers the setting's window (the same window saved again, or a
     * narrower one: nothing is read and nothing is deleted).
     */
    private Optional<Widening> pendingWidening(long accountId, SyncSettings settings) {
        if (!Streams.enabled(settings, horizon.helpdesk.HelpdeskEntity.TICKETS)) {
            return Optional.empty();
        }
        Optional<TicketWindowRepository.TicketWindow> covered = coveredWindow(accountId);
        if (covered.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant wanted = now.minus(Duration.ofDays(settings.ingestWindowDays()));
        Optional<SyncRun> latest = runs.latestWidening(accountId);
        if (latest.isPresent() && latest.get().state() != SyncState.SUCCEEDED) {
            SyncRun previous = latest.get();
            if (previous.state() == SyncState.RUNNING || previous.state() == SyncState.QUEUED) {
                return Optional.empty();
            }
            long origin = previous.resumedFromRunId() != null ? previous.resumedFromRunId() : previous.id();
            // Compared in days, as the admin set them: the window's start itself moves on with the clock.
            boolean stillAsked = settings.ingestWindowDays() >= windowDays(accountId, origin, previous.windowStart())
                    && previous.windowEnd().equals(covered.get().coveredFrom());
            if (stillAsked) {
                Duration pause = Duration.ofSeconds(settings.pollingIntervalSeconds());
                boolean waiting = previous.state() == SyncState.FAILED && previous.finishedAt() != null
                        && previous.finishedAt().plus(pause).isAfter(now);
                return waiting ? Optional.empty() : Optional.of(new Widening(previous.windowStart(),
                        previous.windowEnd(), origin, previous.scope()));
            }
            // Narrowed since that widening stopped: it is abandoned, and only what the setting asks for now is read.
        }
        if (!wanted.isBefore(covered.get().coveredFrom())) {
            return Optional.empty();
        }
        String scope = "ingest window widened from " + covered.get().windowDays() + " to "
                + settings.ingestWindowDays() + " days: tickets last changed " + DAY.format(wanted) + " – "
                + DAY.format(covered.get().coveredFrom());
        return Optional.of(new Widening(wanted, covered.get().coveredFrom(), null, scope));
    }

    /**
     * A stretch of ticket history to read.
     *
     * @param from       tickets changed at or after this
     * @param to         and before this (where the covered stretch begins)
     * @param resumeFrom the widening's first run when this continues an unfinished one, else null
     * @param scope      what it covers, in words
     */
    private record Widening(Instant from, Instant to, Long resumeFrom, String scope) {
    }

    private void runWidening(ConnectedAccount account, Widening widening, Attempts attempts) {
        long accountId = account.accountId();
        Instant now = clock.instant();
        long runId = runs.startBackfill(accountId, widening.resumeFrom() != null ? "resume" : "settings",
                widening.resumeFrom(), widening.from(), widening.to(), widening.scope(), node, now);
        long origin = widening.resumeFrom() != null ? widening.resumeFrom() : runId;
        log.info("sync window widening {} account={} psa={} run={} origin={} from={} to={}",
                widening.resumeFrom() != null ? "resuming" : "starting", accountId, account.kind(), runId, origin,
                widening.from(), widening.to());
        execute(account, runId, log -> {
            log.windowStart(widening.from());
            backfill.widen(account, log, origin, widening.from(), widening.to());
            ticketWindows.save(accountId, new TicketWindowRepository.TicketWindow(widening.from(),
                    windowDays(accountId, origin, widening.from())), clock.instant());
        }, attempts);
    }

    /**
     * The window the mirror covers. Accounts whose first backfill finished before this was recorded take it from that
     * backfill.
     */
    private Optional<TicketWindowRepository.TicketWindow> coveredWindow(long accountId) {
        Optional<TicketWindowRepository.TicketWindow> stored = ticketWindows.find(accountId);
        if (stored.isPresent()) {
            return stored;
        }
        return runs.latestBackfill(accountId).filter(r -> r.state() == SyncState.SUCCEEDED && r.windowStart() != null)
                .map(r -> new TicketWindowRepository.TicketWindow(r.windowStart(), windowDays(accountId,
                        r.resumedFromRunId() != null ? r.resumedFromRunId() : r.id(), r.windowStart())));
    }

    /** The ingest window (days) a backfill read: from its window start to when its first run started. */
    private int windowDays(long accountId, long originRunId, Instant windowStart) {
        return runs.find(accountId, originRunId).map(SyncRun::startedAt)
                .map(started -> (int) Math.round(Duration.between(windowStart, started).toMinutes() / 1440.0))
                .orElse(0);
    }

    private void runQueued(ConnectedAccount account, Attempts attempts) {
        Attempts asked = new Attempts(true);
        for (SyncRun queued : runs.queued(account.accountId())) {
            if (stopping.stopping() || attempts.stopped) {
                return;
            }
            if (!runs.startQueued(account.accountId(), queued.id(), node, clock.instant())) {
                continue;
            }
            execute(account, queued.id(), log -> runAsked(account, queued, log), asked);
            attempts.stopped |= asked.stopped;
        }
    }

    private void runAsked(ConnectedAccount account, SyncRun asked, RunLog log) {
        switch (asked.kind()) {
            case PICKLISTS -> listings.picklists(account, log);
            case USERS -> listings.helpdeskUsers(account, log, true);
            case SINGLE_TICKET -> oneTicket.run(account, log, asked.target());
            case MANUAL -> {
                if (!backfillComplete(account.accountId())) {
                    throw new IllegalStateException("The first backfill has not finished yet; it is reading "
                            + "everything already. Sync now is available once it has finished.");
                }
                Instant now = clock.instant();
                polling.run(account, log);
                deletions.run(account, log);
                if (Streams.enabled(account.settings(), horizon.helpdesk.HelpdeskEntity.HELPDESK_USERS)) {
                    listings.helpdeskUsers(account, log, true);
                }
                listings.picklists(account, log);
                listings.ticketIds(account, log);
                schedule.stamp(account.accountId(), POLL_JOB, now);
                schedule.stamp(account.accountId(), RECONCILE_JOB, now);
            }
            default -> throw new IllegalStateException(asked.kind() + " runs are not asked for");
        }
    }

    private void run(ConnectedAccount account, SyncKind kind, String trigger, Consumer<RunLog> work,
                     Attempts attempts) {
        if (stopping.stopping() || attempts.stopped) {
            return;
        }
        long runId = runs.start(account.accountId(), kind, trigger, null, null, node, clock.instant());
        execute(account, runId, work, attempts);
    }

    /** Runs the work as the given RUNNING run, records how it ended, and counts it in the dispatch's attempts. */
    private void execute(ConnectedAccount account, long runId, Consumer<RunLog> work, Attempts attempts) {
        long accountId = account.accountId();
        RunLog runLog = new RunLog(accountId, runId, runs, clock,
                () -> account.reader().requestsSent(account.credentials()));
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            try {
                if (!runLog.beat()) {
                    log.debug("sync run made no progress since the last heartbeat account={} run={}", accountId,
                            runId);
                }
            } catch (RuntimeException e) {
                log.debug("sync heartbeat failed run={}: {}", runId, e.getMessage());
            }
        }, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            work.accept(runLog);
            end(runLog, SyncState.SUCCEEDED, null);
            attempts.succeeded = true;
        } catch (SyncStopping.RunStopped stopped) {
            end(runLog, SyncState.INTERRUPTED, stopped.getMessage());
        } catch (HelpdeskException failure) {
            log.warn("sync run failed account={} psa={} run={} kind={} retriable={}: {}", accountId, account.kind(),
                    runId, failure.kind(), failure.retriable(), failure.getMessage());
            String error = RunErrors.describe(failure, runId);
            if (connections.reportFailure(accountId, failure)) {
                attempts.stopped = true;
                error = error + " The connection stopped: nothing more is scheduled until the credentials change or "
                        + "a connection test succeeds.";
            } else if (!attempts.asked) {
                attempts.failure = error;
            }
            end(runLog, SyncState.FAILED, error);
        } catch (RuntimeException failure) {
            if (stopping.stopping()) {
                end(runLog, SyncState.INTERRUPTED, new SyncStopping.RunStopped().getMessage());
                return;
            }
            log.warn("sync run failed account={} psa={} run={}", accountId, account.kind(), runId, failure);
            String error = RunErrors.describe(failure, runId);
            if (!attempts.asked) {
                attempts.failure = error;
            }
            end(runLog, SyncState.FAILED, error);
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void end(RunLog runLog, SyncState state, String error) {
        boolean recorded = runLog.finish(state, error);
        log.info("sync run ended account={} run={} state={}{}", runLog.accountId(), runLog.runId(), state,
                recorded ? "" : " (already marked by the stale-run sweep)");
    }

    private void failQueued(long accountId, String message) {
        for (SyncRun queued : runs.queued(accountId)) {
            if (runs.startQueued(accountId, queued.id(), node, clock.instant())) {
                runs.finish(accountId, queued.id(), SyncState.FAILED, queued.counts(), 0, 0, null, message, null,
                        clock.instant());
            }
        }
    }

    boolean backfillComplete(long accountId) {
        return runs.latestBackfill(accountId).map(r -> r.state() == SyncState.SUCCEEDED).orElse(false);
    }

    /**
     * The first backfill starts once the admin has saved the sync settings (which entities, how far back), or after
     * {@link #SETTINGS_GRACE} with the defaults. Later it may restart unless one is running, or the last one failed
     * less than the retry pause ago (which doubles with each failure in a row).
     */
    private boolean backfillMayStart(long accountId, SyncSettings settings, int failures) {
        Optional<SyncRun> latest = runs.latestBackfill(accountId);
        if (latest.isEmpty()) {
            return connectionRepository.findSettings(accountId).isPresent()
                    || connectionRepository.find(accountId).map(c -> !c.createdAt().plus(SETTINGS_GRACE)
                    .isAfter(clock.instant())).orElse(false);
        }
        SyncRun run = latest.get();
        return switch (run.state()) {
            case RUNNING, QUEUED, SUCCEEDED -> false;
            case INTERRUPTED -> true;
            case FAILED -> run.finishedAt() == null || !run.finishedAt()
                    .plus(properties.retryPauseAfter(Math.max(1, failures))).isAfter(clock.instant());
        };
    }

    private boolean isDue(long accountId, String job, Duration interval, Instant now) {
        return schedule.lastRun(accountId, job).map(last -> !last.plus(interval).isAfter(now)).orElse(true);
    }

    /**
     * Marks every run without a heartbeat for {@code staleAfter} as INTERRUPTED and makes its account due, so what it
     * was doing resumes (one query when nothing is stale, whatever the number of accounts).
     */
    void interruptStale() {
        Instant now = clock.instant();
        Instant before = now.minus(properties.staleAfter());
        for (long accountId : runs.accountsWithStaleRuns(before)) {
            int interrupted = runs.interruptStale(accountId, before, now);
            if (interrupted > 0) {
                log.warn("sync runs interrupted account={} count={} reason=no heartbeat for {}", accountId,
                        interrupted, properties.staleAfter());
                due.dueNow(accountId, now);
            }
        }
    }

    /** Accounts whose sync is due now (the dispatcher's question: one query, whatever the number of accounts). */
    List<Long> dueAccounts(int limit) {
        return due.dueAccounts(clock.instant(), limit);
    }

    /** Something changed that may give the account work now (connected, settings saved, a sync asked for). */
    void dueNow(long accountId) {
        due.dueNow(accountId, clock.instant());
    }

    /** The account's connection stopped: nothing is scheduled for it until it works again. */
    void unschedule(long accountId) {
        due.remove(accountId);
    }

    @Override
    public void destroy() {
        // No shutdownNow: an interrupt inside an embedded H2 write closes the database file.
        heartbeats.shutdown();
    }
}
