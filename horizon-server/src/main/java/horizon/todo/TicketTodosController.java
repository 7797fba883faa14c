package horizon.todo;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Todos section of the ticket page, which loads it by htmx with the browser's time zone: the ticket's todos, and
 * add, edit, move, complete, reopen and delete, each posted by htmx and answered with the section redrawn.
 */
@Controller
@RequestMapping("/tickets/{ticketId}/todos")
class TicketTodosController {

    private final CurrentUser currentUser;
    private final Todos todos;
    private final Clock clock;

    TicketTodosController(CurrentUser currentUser, Todos todos, Clock clock) {
        this.currentUser = currentUser;
        this.todos = todos;
        this.clock = clock;
    }

    @GetMapping
    String section(@PathVariable long ticketId, @RequestParam(defaultValue = "") String zone, Model model) {
        SignedInUser me = currentUser.get();
        if (!todos.knowsTicket(me.accountId(), ticketId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return draw(me, ticketId, LocalTimes.zone(zone), null, null, model);
    }

    @PostMapping
    String add(@PathVariable long ticketId, @RequestParam(defaultValue = "") String title,
               @RequestParam(defaultValue = "") String assignee, @RequestParam(defaultValue = "") String start,
               @RequestParam(defaultValue = "") String end, @RequestParam(defaultValue = "") String notes,
               @RequestParam(defaultValue = "") String zone, Model model) {
        SignedInUser me = currentUser.get();
        ZoneId in = LocalTimes.zone(zone);
        TicketTodosView.Adding typed = new TicketTodosView.Adding(title, assignee, start, end, notes);
        try {
            Instant from = time(start, in, "start");
            Instant to = time(end, in, "end");
            ScheduledTodo added = todos.create(me, ticketId, new TodoDraft(title, number(assignee), from, to, notes));
            return draw(me, ticketId, in, new TicketTodosView.Outcome(true, "Added \"" + added.todo().title()
                    + "\" for " + added.assigneeName() + ".", added.todo().id()), null, model);
        } catch (TodoRefused refused) {
            return draw(me, ticketId, in, new TicketTodosView.Outcome(false, refused.getMessage(), null), typed, model);
        }
    }

    @PostMapping("/{todoId}")
    String edit(@PathVariable long ticketId, @PathVariable long todoId, @RequestParam(required = false) Integer version,
                @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String assignee,
                @RequestParam(defaultValue = "") String notes, @RequestParam(defaultValue = "") String zone,
                Model model) {
        return change(ticketId, todoId, zone, model, "Saved", () -> new TodoChange(title, number(assignee), null,
                null, null, notes, version));
    }

    @PostMapping("/{todoId}/move")
    String move(@PathVariable long ticketId, @PathVariable long todoId, @RequestParam(required = false) Integer version,
                @RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String end,
                @RequestParam(defaultValue = "") String zone, Model model) {
        ZoneId in = LocalTimes.zone(zone);
        return change(ticketId, todoId, zone, model, "Moved", () -> TodoChange.move(time(start, in, "start"),
                time(end, in, "end"), version));
    }

    @PostMapping("/{todoId}/done")
    String done(@PathVariable long ticketId, @PathVariable long todoId, @RequestParam(required = false) Integer version,
                @RequestParam(defaultValue = "true") boolean done, @RequestParam(defaultValue = "") String zone,
                Model model) {
        return change(ticketId, todoId, zone, model, done ? "Completed" : "Reopened",
                () -> TodoChange.done(done, version));
    }

    @PostMapping("/{todoId}/delete")
    String delete(@PathVariable long ticketId, @PathVariable long todoId,
                  @RequestParam(required = false) Integer version, @RequestParam(defaultValue = "") String zone,
                  Model model) {
        SignedInUser me = currentUser.get();
        ZoneId in = LocalTimes.zone(zone);
        ScheduledTodo todo = onThisTicket(me, ticketId, todoId);
        try {
            todos.delete(me, todoId, version);
            return draw(me, ticketId, in, new TicketTodosView.Outcome(true, "Deleted \"" + todo.todo().title()
                    + "\".", null), null, model);
        } catch (TodoRefused refused) {
            return draw(me, ticketId, in, new TicketTodosView.Outcome(false, refused.getMessage(), todoId), null,
                    model);
        }
    }

    private String change(long ticketId, long todoId, String zone, Model model, String done,
                          Supplier<TodoChange> change) {
        SignedInUser me = currentUser.get();
        ZoneId in = LocalTimes.zone(zone);
        onThisTicket(me, ticketId, todoId);
        TicketTodosView.Outcome outcome;
        try {
            ScheduledTodo changed = todos.change(me, todoId, change.get());
            outcome = new TicketTodosView.Outcome(true, done + " \"" + changed.todo().title() + "\".", todoId);
        } catch (TodoRefused refused) {
            outcome = new TicketTodosView.Outcome(false, refused.getMessage(), todoId);
        }
        return draw(me, ticketId, in, outcome, null, model);
    }

    /** The account's todo, if it belongs to this ticket; 404 otherwise, as for a todo of another account. */
    private ScheduledTodo onThisTicket(SignedInUser me, long ticketId, long todoId) {
        try {
            ScheduledTodo todo = todos.find(me.accountId(), todoId);
            if (todo.todo().ticketId() == ticketId) {
                return todo;
            }
        } catch (TodoRefused notFound) {
            // answered below like any todo that is not this ticket's
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private String draw(SignedInUser me, long ticketId, ZoneId zone, TicketTodosView.Outcome outcome,
                        TicketTodosView.Adding typed, Model model) {
        TicketTodosView.Adding adding = typed;
        if (adding == null) {
            Instant start = LocalTimes.nextHour(clock.instant(), zone);
            adding = new TicketTodosView.Adding("", String.valueOf(me.userId()), LocalTimes.input(start, zone),
                    LocalTimes.input(start.plus(1, ChronoUnit.HOURS), zone), "");
        }
        model.addAttribute("section", new TicketTodosView(ticketId, zone.getId(),
                todos.forTicket(me.accountId(), ticketId).stream().map(t -> TodoCard.of(t, zone)).toList(),
                todos.assignees(me.accountId()).stream()
                        .map(u -> new TicketTodosView.Person(u.id(), u.displayName())).toList(),
                adding, outcome));
        return "todo/ticket-todos :: section";
    }

    /** A typed time, or a refusal naming the field when something was typed that is not one. */
    private static Instant time(String text, ZoneId zone, String field) {
        Instant at = LocalTimes.parse(text, zone);
        if (at == null && !text.isBlank()) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, field, "Give the " + field + " as a date and time, "
                    + "such as 2026-11-20T09:30.");
        }
        return at;
    }

    private static Long number(String text) {
        try {
            return text.isBlank() ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
