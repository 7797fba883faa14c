package horizon.callback;

import horizon.account.CurrentUser;
import horizon.helpdesk.DeliveryFailure;
import horizon.helpdesk.HookState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST access to real-time callbacks ({@code /api/v1}, bearer token, admins): the Callback Log with its filters, one
 * call, replay, Callback Status, re-registering the webhooks, and the ticket trace.
 */
@RestController
@RequestMapping("/api/v1")
class CallbackApiController {

    private static final int MAX_LIMIT = 200;

    private final InboxRepository inbox;
    private final CallbackDoor door;
    private final CallbackStatus status;
    private final WebhookRegistrar registrar;
    private final HookContexts contexts;
    private final TicketTrace trace;
    private final CurrentUser currentUser;

    CallbackApiController(InboxRepository inbox, CallbackDoor door, CallbackStatus status, WebhookRegistrar registrar,
                          HookContexts contexts, TicketTrace trace, CurrentUser currentUser) {
        this.inbox = inbox;
        this.door = door;
        this.status = status;
        this.registrar = registrar;
        this.contexts = contexts;
        this.trace = trace;
        this.currentUser = currentUser;
    }

    /** One call in a listing (payload and headers only in {@link CallJson}). */
    record CallSummary(long id, Instant receivedAt, String psa, String recordType, String entity, Long externalId,
                       String action, String sequence, String ticketNumber, String signature, int httpStatus,
                       InboxState state, InboxOutcome outcome, String result, String reason, int attempts,
                       Instant processedAt, Long processingDelayMillis, String href) {

        static CallSummary of(LoggedCall call) {
            return new CallSummary(call.id(), call.receivedAt(), call.psa(), call.recordType(), call.entity(),
                    call.externalId(), call.action(), call.sequence(), call.ticketNumber(), call.signature(),
                    call.httpStatus(), call.state(), call.outcome(), call.result(), call.reason(), call.attempts(),
                    call.processedAt(),
                    call.processingDelay() == null ? null : call.processingDelay().toMillis(),
                    "/api/v1/callbacks/" + call.id());
        }
    }

    /** One call in full: what the listing says, the payload as received and the headers kept. */
    record CallJson(CallSummary call, String payload, String headers) {
    }

    record CallPage(List<CallSummary> items, int offset, int limit, long total) {
    }

    record StatusJson(String psa, CallbackHealth health, List<String> reasons, List<String> rules, String hookUrl,
                      WebhookRegistration registration, List<HookState> webhooks, String webhooksError,
                      List<DeliveryFailure> deliveryFailures, Instant lastCallback, long receivedLastHour,
                      long rejectedLastHour, long failedLastHour, long queued, Long oldestQueuedSeconds,
                      Long pollingIntervalSeconds, Instant lastPollAt, long changesFoundByPollingLastHour,
                      List<CallbackBucket> last24Hours) {
    }

    record TraceJson(String asked, Object mirror, String verdict, List<CallSummary> callbacks,
                     List<Map<String, Object>> syncRuns) {
    }

    @GetMapping("/callbacks")
    ResponseEntity<?> list(@RequestParam(required = false) InboxState state,
                           @RequestParam(required = false) InboxOutcome outcome,
                           @RequestParam(required = false) String entity,
                           @RequestParam(required = false) Long externalId,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                           Instant from,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                           Instant to,
                           @RequestParam(defaultValue = "0") int offset,
                           @RequestParam(defaultValue = "50") int limit) {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            return problem(HttpStatus.BAD_REQUEST, "invalid",
                    "offset must be 0 or more and limit between 1 and " + MAX_LIMIT);
        }
        long accountId = currentUser.accountId();
        var filter = new InboxRepository.Filter(state, outcome, entity == null || entity.isBlank() ? null
                : entity.strip().toUpperCase(), externalId, from, to);
        List<CallSummary> items = inbox.page(accountId, filter, offset, limit).stream().map(CallSummary::of).toList();
        return ResponseEntity.ok(new CallPage(items, offset, limit, inbox.count(accountId, filter)));
    }

    @GetMapping("/callbacks/{id}")
    ResponseEntity<?> one(@PathVariable long id) {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        return inbox.find(currentUser.accountId(), id)
                .<ResponseEntity<?>>map(call -> ResponseEntity.ok(new CallJson(CallSummary.of(call), call.payload(),
                        call.headers())))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "not_found", "No callback " + id));
    }

    /** Runs a stored call through the door again; answers with what the door answered it now. */
    @PostMapping("/callbacks/{id}/replay")
    ResponseEntity<?> replay(@PathVariable long id) {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        long accountId = currentUser.accountId();
        Optional<LoggedCall> call = inbox.find(accountId, id);
        if (call.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "not_found", "No callback " + id);
        }
        CallbackDoor.Answer answer = door.replay(accountId, call.get());
        return ResponseEntity.status(answer.status() == 200 ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT)
                .body(Map.of("status", answer.status(), "message", answer.message(),
                        "href", "/api/v1/callbacks?externalId=" + (call.get().externalId() == null ? ""
                                : call.get().externalId())));
    }

    @GetMapping("/callbacks/status")
    ResponseEntity<?> status() {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        CallbackStatus.View view = status.of(currentUser.accountId());
        return ResponseEntity.ok(new StatusJson(view.kind() == null ? null : view.kind().name(), view.health(),
                view.reasons(), CallbackStatus.RULES, view.hookUrl(), view.registration(), view.hooks(),
                view.hooksError(), view.deliveryFailures(), view.lastCallback(), view.receivedLastHour(),
                view.rejectedLastHour(), view.failedLastHour(), view.queued(),
                view.oldestQueued() == null ? null : view.oldestQueued().toSeconds(),
                view.pollingInterval() == null ? null : view.pollingInterval().toSeconds(),
                view.lastPoll() == null ? null : view.lastPoll().startedAt(), view.polledChanges(),
                view.buckets()));
    }

    /** Registers (or repairs) the webhooks now and answers with them as the PSA reports them. */
    @PostMapping("/callbacks/webhooks/register")
    ResponseEntity<?> register() {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        long accountId = currentUser.accountId();
        var outcome = registrar.register(accountId);
        contexts.forget(accountId);
        if (outcome.isEmpty()) {
            return problem(HttpStatus.CONFLICT, "not_connected", "The account has no helpdesk connection.");
        }
        if (!outcome.get().ok()) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "psa_refused",
                    "title", outcome.get().failure().title(), "message", outcome.get().failure().getMessage()));
        }
        return ResponseEntity.ok(Map.of("webhooks", registrar.inspect(accountId)));
    }

    @GetMapping("/tickets/{numberOrId}/trace")
    ResponseEntity<?> trace(@PathVariable String numberOrId) {
        if (!currentUser.get().isAdmin()) {
            return forbidden();
        }
        TicketTrace.Trace found = trace.of(currentUser.accountId(), numberOrId);
        List<Map<String, Object>> runs = found.runs().stream().map(run -> Map.<String, Object>of(
                "id", run.id(), "kind", run.kind(), "state", run.state(),
                "startedAt", String.valueOf(run.startedAt()), "href", "/api/v1/sync-runs/" + run.id())).toList();
        return ResponseEntity.ok(new TraceJson(found.asked(), found.mirror(), found.verdict(),
                found.callbacks().stream().map(CallbackApiController.CallSummary::of).toList(), runs));
    }

    private static ResponseEntity<?> forbidden() {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Only an admin can read callbacks");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
