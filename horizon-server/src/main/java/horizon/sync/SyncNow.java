package horizon.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.time.Clock;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Syncs asked for by a person or another feature (Sync now, Sync one ticket, the Picklist Database's Refresh now).
 * Each call records a QUEUED run and returns its id at once; the account's sync task runs it, after whatever the
 * account is running now, on whichever node picks the task up.
 */
@Service
public class SyncNow {

    private static final Logger log = LoggerFactory.getLogger(SyncNow.class);
    /** Runs an account may have waiting at once; asking for more is refused until some have run. */
    static final int MAX_WAITING = 10;

    private final SyncRunRepository runs;
    private final ConnectedAccounts accounts;
    private final SchedulerClient scheduler;
    private final SyncRequests requests;
    private final Clock clock;

    SyncNow(SyncRunRepository runs, ConnectedAccounts accounts, SchedulerClient scheduler, SyncRequests requests,
            Clock clock) {
        this.runs = runs;
        this.accounts = accounts;
        this.scheduler = scheduler;
        this.requests = requests;
        this.clock = clock;
    }

    /** Polls every enabled entity, reads the deletion logs and compares users and picklists in full. */
    public long syncEverything(long accountId) {
        return queue(accountId, SyncKind.MANUAL, null);
    }

    /** Reads every picklist again and replaces the mirrored values. */
    public long refreshPicklists(long accountId) {
        return queue(accountId, SyncKind.PICKLISTS, null);
    }

    /** Compares the helpdesk users in full with the PSA. */
    public long syncUsers(long accountId) {
        return queue(accountId, SyncKind.USERS, null);
    }

    /** Reads one ticket, by ticket number (mirrored or not) or PSA id, with its notes and time entries. */
    public long syncTicket(long accountId, String numberOrId) {
        if (numberOrId == null || numberOrId.isBlank()) {
            throw new IllegalArgumentException("Give a ticket number or id.");
        }
        String target = numberOrId.strip();
        if (target.length() > 100) {
            throw new IllegalArgumentException("A ticket number or id has at most 100 characters.");
        }
        return queue(accountId, SyncKind.SINGLE_TICKET, target);
    }

    /** A run's state, counts and progress, to follow a sync asked for here; empty for another account's run. */
    public Optional<SyncRun> run(long accountId, long runId) {
        return runs.find(accountId, runId);
    }

    /**
     * Queues a run, unless the same one (kind and target) is waiting already: then that one's id, since it will do the
     * same work. At most {@link #MAX_WAITING} runs wait per account.
     */
    private synchronized long queue(long accountId, SyncKind kind, String target) {
        if (!accounts.connected(accountId)) {
            throw new NotConnected();
        }
        Optional<String> failing = accounts.stopped(accountId);
        if (failing.isPresent()) {
            throw new ConnectionFailing(failing.get());
        }
        List<SyncRun> waiting = runs.queued(accountId);
        Optional<SyncRun> same = waiting.stream()
                .filter(r -> r.kind() == kind && Objects.equals(r.target(), target)).findFirst();
        if (same.isPresent()) {
            log.info("sync asked again account={} kind={}: run {} is waiting already", accountId, kind,
                    same.get().id());
            return same.get().id();
        }
        if (waiting.size() >= MAX_WAITING) {
            throw new TooManyWaiting();
        }
        long runId = runs.queue(accountId, kind, requests.requester(), target, clock.instant());
        // Already scheduled or running: the task runs queued runs before it ends, and the dispatcher catches the rest.
        SyncScheduling.schedule(scheduler, accountId, clock);
        log.info("sync queued account={} run={} kind={}", accountId, runId, kind);
        return runId;
    }

    /** The account has {@link #MAX_WAITING} runs waiting already. */
    public static final class TooManyWaiting extends IllegalStateException {
        TooManyWaiting() {
            super(MAX_WAITING + " syncs of this account are waiting to run already; ask again once they have run "
                    + "(Sync Run logs shows them).");
        }
    }

    /** The account has no helpdesk connection, so there is nothing to sync. */
    public static class NotConnected extends IllegalStateException {
        NotConnected() {
            super("Connect a helpdesk first: this account has no helpdesk connection.");
        }

        NotConnected(String message) {
            super(message);
        }
    }

    /** The account's connection stopped on a permanent failure; the message says what the PSA said and what to do. */
    public static final class ConnectionFailing extends NotConnected {
        ConnectionFailing(String summary) {
            super(summary);
        }
    }
}
