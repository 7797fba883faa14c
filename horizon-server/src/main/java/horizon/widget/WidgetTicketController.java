package horizon.widget;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskWrite;
import horizon.todo.ScheduledTodo;
import horizon.todo.TodoDraft;
import horizon.todo.TodoRefused;
import horizon.todo.Todos;
import horizon.writeback.ActionReceipt;
import horizon.writeback.ActionRefused;
import horizon.writeback.Writeback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticket widget's data and actions on one ticket of the agent's account: its todos and adding one
 * ({@link Todos}), and the quick actions of write-back ({@link Writeback}): assign to me, change status, add note,
 * log time. Each action answers {@code {outcome, message}}: queued (202), unchanged (200), confirm (409, a question:
 * send it again with {@code confirm}), or refused with the reason's status.
 */
@RestController
@RequestMapping("/widgets/api/tickets/{id}")
class WidgetTicketController {

    static final int MAX_MINUTES = 24 * 60;

    /** An action as the widget posts it; each action reads the fields it needs. */
    record ActionRequest(String assignee, String status, String text, String visibility, Integer minutes,
                         String summary, String title, String start, String zone, String seen, Boolean confirm) {

        boolean confirmed() {
            return Boolean.TRUE.equals(confirm);
        }
    }

    /** What became of an action. */
    record Outcome(String outcome, String message) {
    }

    private final CurrentUser currentUser;
    private final ShowingWidgetTicket showing;
    private final Writeback writeback;
    private final Todos todos;
    private final WidgetHosts hosts;
    private final Clock clock;

    WidgetTicketController(CurrentUser currentUser, ShowingWidgetTicket showing, Writeback writeback, Todos todos,
                           WidgetHosts hosts, Clock clock) {
        this.currentUser = currentUser;
        this.showing = showing;
        this.writeback = writeback;
        this.todos = todos;
        this.hosts = hosts;
        this.clock = clock;
    }

    @GetMapping
    ResponseEntity<?> ticket(@PathVariable long id, @RequestParam(defaultValue = "UTC") String zone) {
        SignedInUser me = currentUser.get();
        return showing.ticket(me, id, WidgetTimes.zone(zone)).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> WidgetApiErrors.answer(404, "not-found", "Ticket " + id + " is not in Horizon: "
                        + "not synced from " + psa(me) + " yet, deleted there, or another account's."));
    }

    @PostMapping("/todos")
    ResponseEntity<Outcome> addTodo(@PathVariable long id, @RequestBody ActionRequest body) {
        SignedInUser me = currentUser.get();
        ZoneId zone = WidgetTimes.zone(body.zone());
        Instant start = WidgetTimes.parse(body.start(), zone);
        if (start == null) {
            return refused(422, "Give the todo a start, such as 2026-11-20T09:30.");
        }
        if (body.minutes() == null || body.minutes() < 1 || body.minutes() > MAX_MINUTES) {
            return refused(422, "A todo takes from 1 to " + MAX_MINUTES + " minutes here.");
        }
        ScheduledTodo created = todos.create(me, id, new TodoDraft(body.title(), null, start,
                start.plus(Duration.ofMinutes(body.minutes())), null));
        return ResponseEntity.status(201).body(new Outcome("created", "Todo added: " + created.todo().title()
                + ", " + WidgetTimes.span(created.todo().startsAt(), created.todo().endsAt(), zone) + "."));
    }

    @PostMapping("/assign")
    ResponseEntity<Outcome> assign(@PathVariable long id, @RequestBody ActionRequest body) {
        SignedInUser me = currentUser.get();
        String[] parts = (body.assignee() == null ? "" : body.assignee().strip()).split(":", 2);
        Long resourceId = number(parts[0]);
        Long roleId = parts.length > 1 ? number(parts[1]) : null;
        if (resourceId == null || (parts.length > 1 && roleId == null)) {
            return refused(422, "Choose who to assign the ticket to.");
        }
        return act(me, () -> writeback.assign(me, id, resourceId, roleId, body.seen(), body.confirmed()));
    }

    @PostMapping("/status")
    ResponseEntity<Outcome> status(@PathVariable long id, @RequestBody ActionRequest body) {
        SignedInUser me = currentUser.get();
        String status = body.status() == null ? "" : body.status().strip();
        return act(me, () -> writeback.changeStatus(me, id, status, body.seen(), body.confirmed()));
    }

    @PostMapping("/notes")
    ResponseEntity<Outcome> note(@PathVariable long id, @RequestBody ActionRequest body) {
        SignedInUser me = currentUser.get();
        HelpdeskWrite.NoteVisibility visibility;
        try {
            visibility = HelpdeskWrite.NoteVisibility.valueOf((body.visibility() == null ? "INTERNAL"
                    : body.visibility()).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return refused(422, "Choose internal or public.");
        }
        return act(me, () -> writeback.addNote(me, id, null, body.text(), visibility));
    }

    /** Logs the minutes the agent worked, ending now. */
    @PostMapping("/time")
    ResponseEntity<Outcome> time(@PathVariable long id, @RequestBody ActionRequest body) {
        SignedInUser me = currentUser.get();
        if (body.minutes() == null || body.minutes() < 1 || body.minutes() > MAX_MINUTES) {
            return refused(422, "Minutes must be a whole number from 1 to " + MAX_MINUTES + ".");
        }
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(body.minutes()));
        return act(me, () -> writeback.logTime(me, id, start, end, null, body.summary()));
    }

    @ExceptionHandler(TodoRefused.class)
    ResponseEntity<Outcome> todoRefused(TodoRefused refused) {
        return refused(refused.reason().httpStatus(), refused.getMessage());
    }

    private ResponseEntity<Outcome> act(SignedInUser me, Supplier<ActionReceipt> action) {
        ActionReceipt receipt;
        try {
            receipt = action.get();
        } catch (ActionRefused refused) {
            if (refused.reason() == ActionRefused.Reason.CONFIRM) {
                return ResponseEntity.status(409).body(new Outcome("confirm", refused.getMessage()));
            }
            return refused(refused.reason().httpStatus(), refused.getMessage());
        }
        if (receipt.action().isEmpty()) {
            return ResponseEntity.ok(new Outcome("unchanged", receipt.unchanged()));
        }
        return ResponseEntity.status(202).body(new Outcome("queued", receipt.action().get().summary() + ": sent to "
                + psa(me) + " in a moment."));
    }

    private String psa(SignedInUser me) {
        return hosts.of(me.accountId()).map(h -> h.kind().displayName()).orElse("the helpdesk");
    }

    private static ResponseEntity<Outcome> refused(int status, String message) {
        return ResponseEntity.status(status).body(new Outcome("refused", message));
    }

    private static Long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
