package horizon.sync;

import horizon.account.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST access to the sync runs and to forced syncs ({@code /api/v1}, bearer token). */
@RestController
@RequestMapping("/api/v1")
class SyncApiController {

    private static final int MAX_LIMIT = 200;

    private final SyncRunRepository runs;
    private final SyncNow syncNow;
    private final CurrentUser currentUser;
    private final Clock clock;

    SyncApiController(SyncRunRepository runs, SyncNow syncNow, CurrentUser currentUser, Clock clock) {
        this.runs = runs;
        this.syncNow = syncNow;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * A sync run.
     *
     * @param durationMillis how long it ran (so far); null while queued
     * @param etaSeconds     for a running run that knows its total: the time left at its pace so far
     * @param windowStart    a backfill: tickets changed at or after this were read
     * @param windowEnd      a backfill of a widened ingest window: tickets changed before this (null otherwise)
     * @param scope          what the run covers, in words, e.g. "ingest window widened from 30 to 90 days: …"
     */
    record SyncRunJson(long id, SyncKind kind, String triggeredBy, SyncState state, String target,
                       Long resumedFromRunId, Instant windowStart, Instant windowEnd, String scope, Instant queuedAt,
                       Instant startedAt, Instant finishedAt, Long durationMillis, Map<String, EntityCounts> counts,
                       long apiRequests, long progressDone, Long progressTotal, Long etaSeconds, String error, String warnings) {

        static SyncRunJson of(SyncRun run, Instant now) {
            Duration duration = run.duration(now);
            Duration eta = run.eta(now);
            return new SyncRunJson(run.id(), run.kind(), run.triggeredBy(), run.state(), run.target(),
                    run.resumedFromRunId(), run.windowStart(), run.windowEnd(), run.scope(), run.queuedAt(),
                    run.startedAt(), run.finishedAt(),
                    duration == null ? null : duration.toMillis(), run.counts(), run.apiRequests(),
                    run.progressDone(), run.progressTotal(), eta == null ? null : eta.toSeconds(), run.error(),
                    run.warnings());
        }
    }

    /** A page of runs, newest first. */
    record SyncRunPage(List<SyncRunJson> items, int offset, int limit, long total) {
    }

    /** The answer to a forced sync: the queued run and where to follow it. */
    record Queued(long runId, SyncKind kind, String href) {
    }

    @GetMapping("/sync-runs")
    ResponseEntity<?> list(@RequestParam(required = false) SyncKind kind,
                           @RequestParam(required = false) SyncState state,
                           @RequestParam(defaultValue = "0") int offset,
                           @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            return problem(HttpStatus.BAD_REQUEST, "invalid",
                    "offset must be 0 or more and limit between 1 and " + MAX_LIMIT);
        }
        long accountId = currentUser.accountId();
        Instant now = clock.instant();
        List<SyncRunJson> items = runs.page(accountId, kind, state, offset, limit).stream()
                .map(run -> SyncRunJson.of(run, now)).toList();
        return ResponseEntity.ok(new SyncRunPage(items, offset, limit, runs.count(accountId, kind, state)));
    }

    @GetMapping("/sync-runs/{id}")
    ResponseEntity<?> one(@PathVariable long id) {
        return runs.find(currentUser.accountId(), id)
                .<ResponseEntity<?>>map(run -> ResponseEntity.ok(SyncRunJson.of(run, clock.instant())))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "not_found", "No sync run " + id));
    }

    @PostMapping("/sync")
    ResponseEntity<?> syncEverything() {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        return queued(SyncKind.MANUAL, () -> syncNow.syncEverything(currentUser.accountId()));
    }

    @PostMapping("/sync/picklists")
    ResponseEntity<?> syncPicklists() {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        return queued(SyncKind.PICKLISTS, () -> syncNow.refreshPicklists(currentUser.accountId()));
    }

    /** Agents may refresh a ticket they work on, so this one is open to every signed-in user of the account. */
    @PostMapping("/sync/tickets/{numberOrId}")
    ResponseEntity<?> syncTicket(@PathVariable String numberOrId) {
        return queued(SyncKind.SINGLE_TICKET, () -> syncNow.syncTicket(currentUser.accountId(), numberOrId));
    }

    private ResponseEntity<?> queued(SyncKind kind, java.util.function.LongSupplier queue) {
        try {
            long runId = queue.getAsLong();
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new Queued(runId, kind, "/api/v1/sync-runs/" + runId));
        } catch (SyncNow.ConnectionFailing e) {
            return problem(HttpStatus.CONFLICT, "connection_failing", e.getMessage());
        } catch (SyncNow.NotConnected e) {
            return problem(HttpStatus.CONFLICT, "not_connected", e.getMessage());
        } catch (SyncNow.TooManyWaiting e) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, "too_many_waiting", e.getMessage());
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "invalid", e.getMessage());
        }
    }

    private static ResponseEntity<?> forbidden() {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Only an admin can start this sync");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
