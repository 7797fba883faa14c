package horizon.todo;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.ticket.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Todos on tickets and the calendar over the API: read, create, change on a version, delete. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Todos", description = "Scheduled todos on PSA tickets and the agents' calendars")
class TodoApiController {

    private final Todos todos;
    private final CurrentUser currentUser;

    TodoApiController(Todos todos, CurrentUser currentUser) {
        this.todos = todos;
        this.currentUser = currentUser;
    }

    @GetMapping("/tickets/{ticketId}/todos")
    @Operation(summary = "The ticket's todos, earliest first",
            description = "Also for a ticket deleted in the PSA since (their ticket.state says so); 404 for a ticket "
                    + "the account's mirror never held.")
    List<TodoJson> ticketTodos(@PathVariable long ticketId) {
        long accountId = currentUser.accountId();
        List<ScheduledTodo> found = todos.forTicket(accountId, ticketId);
        if (found.isEmpty() && !todos.knowsTicket(accountId, ticketId)) {
            throw new TodoRefused(TodoRefused.Reason.NOT_FOUND, "No ticket " + ticketId + " in Horizon.");
        }
        return found.stream().map(TodoJson::of).toList();
    }

    @PostMapping("/tickets/{ticketId}/todos")
    @Operation(summary = "Plan a todo on the ticket",
            description = "title (200 characters at most), start and end (ISO-8601 instants; the end after the "
                    + "start, 14 days at most), optional assigneeUserId (a user of the account; the caller when "
                    + "left out) and notes (4000 characters at most). 404 when the ticket is not mirrored.")
    @ApiResponse(responseCode = "201", description = "Created; its self link is in Location")
    @ApiResponse(responseCode = "422", description = "A field is missing or out of range; the message says which",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<TodoJson> create(@PathVariable long ticketId, @RequestBody TodoJson.CreateRequest body) {
        TodoJson created = TodoJson.of(todos.create(currentUser.get(), ticketId, new TodoDraft(body.title(),
                body.assigneeUserId(), instant("start", body.start()), instant("end", body.end()), body.notes())));
        return ResponseEntity.created(URI.create(created.self())).body(created);
    }

    @GetMapping("/todos/{id}")
    @Operation(summary = "One todo")
    TodoJson todo(@PathVariable long id) {
        return TodoJson.of(todos.find(currentUser.accountId(), id));
    }

    @PatchMapping("/todos/{id}")
    @Operation(summary = "Change, move, complete or reopen a todo",
            description = "Any of title, assigneeUserId, start, end, done, notes, and the version the change was "
                    + "made on (required). A start alone moves the todo and keeps its length. 409 (error=conflict) "
                    + "when the todo changed since that version.")
    @ApiResponse(responseCode = "409", description = "Changed since the version sent",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TodoJson change(@PathVariable long id, @RequestBody TodoJson.ChangeRequest body) {
        return TodoJson.of(todos.change(currentUser.get(), id, new TodoChange(body.title(), body.assigneeUserId(),
                instant("start", body.start()), instant("end", body.end()), body.done(), body.notes(),
                body.version())));
    }

    @DeleteMapping("/todos/{id}")
    @Operation(summary = "Delete a todo", description = "With ?version=, only if it has not changed since (else 409).")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
        todos.delete(currentUser.get(), id, version);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/calendar")
    @Operation(summary = "Todos overlapping a window, per user",
            description = "The caller's own by default; user=<id> for another user's and team=true for every user "
                    + "of the account, both for admins only (403 otherwise). The window is 42 days at most.")
    @ApiResponse(responseCode = "403", description = "Another user's calendar or the team's, asked by an agent",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TodoJson.Calendar calendar(
            @Parameter(description = "ISO-8601 instant, inclusive", example = "2026-11-16T00:00:00Z")
            @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive", example = "2026-11-23T00:00:00Z")
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long user, @RequestParam(defaultValue = "false") boolean team) {
        SignedInUser me = currentUser.get();
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        return TodoJson.Calendar.of(start, end, todos.calendar(me, start, end, user, team));
    }

    @ExceptionHandler(TodoRefused.class)
    ResponseEntity<ApiError> refused(TodoRefused refused) {
        return ResponseEntity.status(refused.reason().httpStatus())
                .body(new ApiError(refused.reason().code(), refused.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiError.invalid("The body is not a JSON object of the fields this "
                + "request takes, with numbers, strings and true/false where they belong."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiError.invalid(e.getName() + " has the wrong type."));
    }

    /** An ISO-8601 instant ({@code 2026-11-20T09:30:00Z}, or with an offset); null when not given. */
    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeException notAnInstant) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, field, field + " must be an ISO-8601 instant such as "
                    + "2026-11-20T09:30:00Z; it was \"" + text + "\".");
        }
    }
}
