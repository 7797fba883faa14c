package horizon.writeback;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskWrite;
import horizon.ticket.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's four actions over the API, each answered at once with its outbox state and a link to poll, plus the
 * outbox itself: one action, a ticket's actions, the failed ones, retry and drop.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Write-back", description = "Assign, change status, add notes and log time on PSA tickets")
class WritebackApiController {

    private final Writeback writeback;
    private final CurrentUser currentUser;
    private final Clock clock;

    WritebackApiController(Writeback writeback, CurrentUser currentUser, Clock clock) {
        this.writeback = writeback;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PostMapping("/tickets/{id}/assign")
    @Operation(summary = "Assign the ticket to a helpdesk user (and role)",
            description = "202 with the queued action; 200 UNCHANGED when it is assigned so already; 409 with "
                    + "error=confirm when the ticket was completed since `seen` (send again with confirm=true).")
    @ApiResponse(responseCode = "202", description = "Queued; poll the action's self link")
    @ApiResponse(responseCode = "409", description = "Not connected, or a question (error=confirm)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<ActionJson.Receipt> assign(@PathVariable long id, @RequestBody ActionJson.AssignRequest body) {
        if (body.resourceId() == null) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "resourceId", "resourceId is required.");
        }
        return answer(writeback.assign(currentUser.get(), id, body.resourceId(), body.roleId(), body.seen(),
                Boolean.TRUE.equals(body.confirm())));
    }

    @PostMapping("/tickets/{id}/status")
    @Operation(summary = "Set the ticket's status (a value of the status picklist)")
    @ApiResponse(responseCode = "202", description = "Queued; poll the action's self link")
    ResponseEntity<ActionJson.Receipt> status(@PathVariable long id, @RequestBody ActionJson.StatusRequest body) {
        if (body.status() == null || body.status().isBlank()) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "status", "status is required.");
        }
        return answer(writeback.changeStatus(currentUser.get(), id, body.status(), body.seen(),
                Boolean.TRUE.equals(body.confirm())));
    }

    @PostMapping("/tickets/{id}/notes")
    @Operation(summary = "Add a note (INTERNAL, PUBLIC or RESOLUTION) as the caller")
    @ApiResponse(responseCode = "202", description = "Queued; poll the action's self link")
    ResponseEntity<ActionJson.Receipt> note(@PathVariable long id, @RequestBody ActionJson.NoteRequest body) {
        return answer(writeback.addNote(currentUser.get(), id, body.title(), body.text(),
                visibility(body.visibility())));
    }

    @PostMapping("/tickets/{id}/time-entries")
    @Operation(summary = "Log time as the caller: start and end, or durationMinutes ending now")
    @ApiResponse(responseCode = "202", description = "Queued; poll the action's self link")
    ResponseEntity<ActionJson.Receipt> time(@PathVariable long id, @RequestBody ActionJson.TimeRequest body) {
        Instant start = body.start();
        Instant end = body.end();
        if (body.durationMinutes() != null) {
            if (body.durationMinutes() < 1) {
                throw new ActionRefused(ActionRefused.Reason.INVALID, "durationMinutes",
                        "durationMinutes must be at least 1.");
            }
            end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            start = end.minus(Duration.ofMinutes(body.durationMinutes()));
        }
        return answer(writeback.logTime(currentUser.get(), id, start, end, body.roleId(), body.summary()));
    }

    @GetMapping("/actions/{id}")
    @Operation(summary = "One action as it stands")
    ActionJson action(@PathVariable long id) {
        return writeback.action(currentUser.accountId(), id).map(ActionJson::of)
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.NOT_FOUND, "No action " + id + "."));
    }

    @GetMapping("/tickets/{id}/actions")
    @Operation(summary = "The ticket's actions, newest first")
    List<ActionJson> ticketActions(@PathVariable long id) {
        return writeback.actions(currentUser.accountId(), id).stream().map(ActionJson::of).toList();
    }

    @GetMapping("/actions/failed")
    @Operation(summary = "Failed actions of the account, newest first (admins)")
    List<ActionJson> failed() {
        requireAdmin();
        return writeback.failed(currentUser.accountId()).stream().map(ActionJson::of).toList();
    }

    @PostMapping("/actions/{id}/retry")
    @Operation(summary = "Send a failed action again (its agent or an admin)")
    ActionJson retry(@PathVariable long id) {
        SignedInUser user = currentUser.get();
        OutboxAction action = writeback.action(user.accountId(), id)
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.NOT_FOUND, "No action " + id + "."));
        if (!user.isAdmin() && action.horizonUserId() != user.userId()) {
            throw new AccessDeniedException("only its agent or an admin retries an action");
        }
        if (!writeback.retry(user.accountId(), id)) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "state", "Only a failed action can be retried; "
                    + "this one is " + action.stateLabel() + ".");
        }
        return action(id);
    }

    @PostMapping("/actions/{id}/drop")
    @Operation(summary = "Give up on a failed action (admins)")
    ActionJson drop(@PathVariable long id) {
        requireAdmin();
        if (!writeback.drop(currentUser.accountId(), id)) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "state", "Only a failed action can be dropped.");
        }
        return action(id);
    }

    @ExceptionHandler(ActionRefused.class)
    ResponseEntity<ApiError> refused(ActionRefused refused) {
        String code = refused.reason().name().toLowerCase(Locale.ROOT);
        return ResponseEntity.status(refused.reason().httpStatus()).body(new ApiError(code, refused.getMessage()));
    }

    private void requireAdmin() {
        if (!currentUser.get().isAdmin()) {
            throw new AccessDeniedException("admins only");
        }
    }

    private static HelpdeskWrite.NoteVisibility visibility(String value) {
        if (value == null || value.isBlank()) {
            return HelpdeskWrite.NoteVisibility.INTERNAL;
        }
        try {
            return HelpdeskWrite.NoteVisibility.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "visibility",
                    "visibility is INTERNAL, PUBLIC or RESOLUTION.");
        }
    }

    private static ResponseEntity<ActionJson.Receipt> answer(ActionReceipt receipt) {
        ActionJson.Receipt body = ActionJson.Receipt.of(receipt);
        if (body.action() == null) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(body.action().self())).body(body);
    }
}
