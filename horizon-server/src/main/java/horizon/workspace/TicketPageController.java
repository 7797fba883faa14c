package horizon.workspace;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.writeback.ActionReceipt;
import horizon.writeback.ActionRefused;
import horizon.writeback.OutboxAction;
import horizon.writeback.Writeback;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
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
 * The ticket page: the mirrored ticket with its thread, time and outbox actions, refreshed by polling, and the four
 * actions, each posted by htmx and answered with its outcome plus the refreshed live parts.
 */
@Controller
@RequestMapping("/tickets/{id}")
class TicketPageController {

    /** Longest duration the "minutes ending now" field takes; Writeback refuses more than a day anyway. */
    static final int MAX_MINUTES = 24 * 60;

    private final CurrentUser currentUser;
    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final ShowingTicket showing;
    private final LabellingTickets labelling;
    private final Writeback writeback;
    private final Clock clock;

    TicketPageController(CurrentUser currentUser, HelpdeskConnections connections, Helpdesks helpdesks,
                         ShowingTicket showing, LabellingTickets labelling, Writeback writeback, Clock clock) {
        this.currentUser = currentUser;
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.showing = showing;
        this.labelling = labelling;
        this.writeback = writeback;
        this.clock = clock;
    }

    @GetMapping
    String page(@PathVariable long id, Model model) {
        SignedInUser me = currentUser.get();
        ShowingTicket.Snapshot snapshot = showing.snapshot(me.accountId(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Optional<HelpdeskKind> psa = psa(me.accountId());
        TicketLabels labels = psa.map(kind -> labelling.labels(me.accountId(), kind)).orElse(TicketLabels.NONE);
        model.addAttribute("view", showing.view(me.accountId(), snapshot, labels));
        model.addAttribute("psa", psa.map(HelpdeskKind::displayName).orElse(null));
        model.addAttribute("forms", psa.map(kind -> showing.forms(me, kind, snapshot.detail().ticket(), labels))
                .orElse(null));
        return "workspace/ticket";
    }

    /**
     * The live parts again, for the page's poll: nothing (204, htmx keeps what it shows) while the ticket and its
     * actions are as the page last drew them, so a quiet ticket costs one mirror read and one outbox read.
     */
    @GetMapping("/live")
    String live(@PathVariable long id, @RequestParam(defaultValue = "") String v, Model model,
                HttpServletResponse response) {
        SignedInUser me = currentUser.get();
        Optional<ShowingTicket.Snapshot> snapshot = showing.snapshot(me.accountId(), id);
        if (snapshot.isEmpty()) {
            model.addAttribute("ticketId", id);
            return "workspace/parts :: gone";
        }
        if (snapshot.get().fingerprint().equals(v)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        model.addAttribute("view", view(me, snapshot.get()));
        return "workspace/parts :: live-parts";
    }

    @PostMapping("/assign")
    String assign(@PathVariable long id, @RequestParam(defaultValue = "") String assignee,
                  @RequestParam(required = false) String seen, @RequestParam(defaultValue = "false") boolean confirm,
                  Model model, HttpServletResponse response) {
        SignedInUser me = currentUser.get();
        String[] parts = assignee.strip().split(":", 2);
        Long resourceId = number(parts[0]);
        Long roleId = parts.length > 1 ? number(parts[1]) : null;
        if (resourceId == null || (parts.length > 1 && roleId == null)) {
            return answer(me, id, ActionOutcome.refused("Choose who to assign the ticket to."), model, response);
        }
        return act(me, id, () -> writeback.assign(me, id, resourceId, roleId, seen, confirm), model, response);
    }

    @PostMapping("/status")
    String changeStatus(@PathVariable long id, @RequestParam(defaultValue = "") String status,
                        @RequestParam(required = false) String seen,
                        @RequestParam(defaultValue = "false") boolean confirm, Model model,
                        HttpServletResponse response) {
        SignedInUser me = currentUser.get();
        return act(me, id, () -> writeback.changeStatus(me, id, status, seen, confirm), model, response);
    }

    @PostMapping("/notes")
    String addNote(@PathVariable long id, @RequestParam(defaultValue = "") String text,
                   @RequestParam(required = false) String title,
                   @RequestParam(defaultValue = "INTERNAL") String visibility, Model model,
                   HttpServletResponse response) {
        SignedInUser me = currentUser.get();
        HelpdeskWrite.NoteVisibility shown;
        try {
            shown = HelpdeskWrite.NoteVisibility.valueOf(visibility.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return answer(me, id, ActionOutcome.refused("Choose internal, public or resolution."), model, response);
        }
        return act(me, id, () -> writeback.addNote(me, id, title, text, shown), model, response);
    }

    /**
     * Logs time from a start and an end typed in the agent's time zone ({@code zone}, which the page fills from the
     * browser; UTC without it), or as a number of minutes ending now.
     */
    @PostMapping("/time")
    String logTime(@PathVariable long id, @RequestParam(defaultValue = "") String start,
                   @RequestParam(defaultValue = "") String end, @RequestParam(defaultValue = "") String minutes,
                   @RequestParam(defaultValue = "UTC") String zone, @RequestParam(defaultValue = "") String roleId,
                   @RequestParam(defaultValue = "") String summary, Model model, HttpServletResponse response) {
        SignedInUser me = currentUser.get();
        Long role = roleId.isBlank() ? null : number(roleId);
        if (!roleId.isBlank() && role == null) {
            return answer(me, id, ActionOutcome.refused("Choose a role."), model, response);
        }
        Instant from = null;
        Instant to = null;
        if (!minutes.isBlank()) {
            Long worked = number(minutes);
            if (worked == null || worked < 1 || worked > MAX_MINUTES) {
                return answer(me, id, ActionOutcome.refused("Minutes must be a whole number from 1 to " + MAX_MINUTES
                        + "."), model, response);
            }
            to = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            from = to.minus(Duration.ofMinutes(worked));
        } else if (!start.isBlank() || !end.isBlank()) {
            ZoneId in = zone(zone);
            from = local(start, in);
            to = local(end, in);
            if (from == null || to == null) {
                return answer(me, id, ActionOutcome.refused("Give the start and the end as a date and time, such as "
                        + "2026-11-20T09:30, or a number of minutes."), model, response);
            }
        }
        Instant started = from;
        Instant ended = to;
        return act(me, id, () -> writeback.logTime(me, id, started, ended, role, summary), model, response);
    }

    /** Sends a failed action of this ticket again. */
    @PostMapping("/actions/{actionId}/retry")
    String retry(@PathVariable long id, @PathVariable long actionId, Model model, HttpServletResponse response) {
        SignedInUser me = currentUser.get();
        OutboxAction action = writeback.action(me.accountId(), actionId).filter(a -> a.ticketId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ActionOutcome outcome = writeback.retry(me.accountId(), actionId)
                ? new ActionOutcome(ActionOutcome.Kind.QUEUED, "Sending again: " + action.summary() + ".")
                : ActionOutcome.refused("\"" + action.summary() + "\" is not failed any more; nothing to retry.");
        return answer(me, id, outcome, model, response);
    }

    private String act(SignedInUser me, long id, Supplier<ActionReceipt> action, Model model,
                       HttpServletResponse response) {
        ActionOutcome outcome;
        try {
            outcome = ActionOutcome.of(action.get(), psa(me.accountId()).map(HelpdeskKind::displayName)
                    .orElse("the helpdesk"));
        } catch (ActionRefused refused) {
            outcome = ActionOutcome.of(refused);
        }
        return answer(me, id, outcome, model, response);
    }

    /** The outcome next to the form, and the live parts out of band, so the page shows the action at once. */
    private String answer(SignedInUser me, long id, ActionOutcome outcome, Model model,
                          HttpServletResponse response) {
        if (outcome.queued()) {
            response.setHeader("HX-Trigger", "action-queued"); // the form clears itself for the next one
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("view", showing.snapshot(me.accountId(), id).map(s -> view(me, s)).orElse(null));
        return "workspace/parts :: outcome";
    }

    private TicketView view(SignedInUser me, ShowingTicket.Snapshot snapshot) {
        TicketLabels labels = psa(me.accountId()).map(kind -> labelling.labels(me.accountId(), kind))
                .orElse(TicketLabels.NONE);
        return showing.view(me.accountId(), snapshot, labels);
    }

    private Optional<HelpdeskKind> psa(long accountId) {
        return connections.kind(accountId).filter(helpdesks::available);
    }

    private static Long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant local(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeException notADateTime) {
            return null;
        }
    }
}
