package horizon.callback;

import horizon.account.CurrentUser;
import horizon.helpdesk.HelpdeskEntity;
import horizon.sync.SyncNow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Callback Log page: every call the PSA made, newest first, with filters; one call in full with Replay; and the
 * ticket trace for "this ticket isn't in Horizon", with Sync this ticket.
 */
@Controller
@RequestMapping("/admin/helpdesk/callback-log")
class CallbackLogController {

    static final int PAGE_SIZE = 50;
    /** Headers carrying a signature: shown shortened, enough to compare two calls, not to reuse one. */
    static final List<String> SIGNATURE_HEADERS = List.of("x-hook-signature", "x-content-signature");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InboxRepository inbox;
    private final CallbackDoor door;
    private final TicketTrace trace;
    private final SyncNow syncNow;
    private final CurrentUser currentUser;
    private final CallbackProperties properties;

    CallbackLogController(InboxRepository inbox, CallbackDoor door, TicketTrace trace, SyncNow syncNow,
                          CurrentUser currentUser, CallbackProperties properties) {
        this.inbox = inbox;
        this.door = door;
        this.trace = trace;
        this.syncNow = syncNow;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    @GetMapping
    String page(@RequestParam(required = false) InboxState state,
                @RequestParam(required = false) InboxOutcome outcome,
                @RequestParam(required = false) HelpdeskEntity entity,
                @RequestParam(required = false) String externalId,
                @RequestParam(required = false) String from,
                @RequestParam(required = false) String to,
                @RequestParam(defaultValue = "0") int page, Model model) {
        long accountId = currentUser.accountId();
        List<String> problems = new ArrayList<>();
        Long id = externalId(externalId, problems);
        Instant since = instant(from, "From", problems);
        Instant until = instant(to, "To", problems);
        var filter = new InboxRepository.Filter(state, outcome, entity == null ? null : entity.name(), id, since,
                until);
        int current = Math.max(0, page);
        long total = inbox.count(accountId, filter);
        model.addAttribute("rows", inbox.page(accountId, filter, current * PAGE_SIZE, PAGE_SIZE).stream()
                .map(CallRow::of).toList());
        model.addAttribute("states", InboxState.values());
        model.addAttribute("outcomes", InboxOutcome.values());
        model.addAttribute("entities", HelpdeskEntity.values());
        model.addAttribute("state", state);
        model.addAttribute("outcome", outcome);
        model.addAttribute("entity", entity);
        model.addAttribute("externalId", externalId == null ? "" : externalId.strip());
        model.addAttribute("from", from == null ? "" : from.strip());
        model.addAttribute("to", to == null ? "" : to.strip());
        model.addAttribute("filtered", state != null || outcome != null || entity != null || id != null
                || since != null || until != null);
        model.addAttribute("problems", problems);
        model.addAttribute("page", current);
        model.addAttribute("total", total);
        model.addAttribute("newer", current > 0 ? pageLink(state, outcome, entity, externalId, from, to,
                current - 1) : null);
        model.addAttribute("older", (long) (current + 1) * PAGE_SIZE < total ? pageLink(state, outcome, entity,
                externalId, from, to, current + 1) : null);
        model.addAttribute("retention", CallRow.period(properties.retention()));
        return "callback/callback-log";
    }

    @GetMapping("/{id}")
    String call(@PathVariable long id, Model model) {
        LoggedCall call = inbox.find(currentUser.accountId(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("row", CallRow.of(call));
        model.addAttribute("processed", CallRow.time(call.processedAt()));
        model.addAttribute("payload", pretty(call.payload()));
        model.addAttribute("payloadIsJson", isJson(call.payload()));
        model.addAttribute("headers", headers(call.headers()));
        model.addAttribute("retention", CallRow.period(properties.retention()));
        return "callback/call";
    }

    /** Runs the stored call through the door again, as if the PSA had sent it now. */
    @PostMapping("/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes redirect) {
        long accountId = currentUser.accountId();
        LoggedCall call = inbox.find(accountId, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        CallbackDoor.Answer answer = door.replay(accountId, call);
        if (answer.status() == 200) {
            // The door's answer starts with "Replay of call #N."; only what follows it is news here.
            String more = answer.message().replace("Replay of call #" + id + ".", "").strip();
            redirect.addFlashAttribute("message", "Call #" + id + " replayed: the door accepted it again. "
                    + (more.isEmpty() ? "The replay is at the top of the log." : more));
        } else {
            redirect.addFlashAttribute("error", "Call #" + id + " replayed and answered " + answer.status() + ": "
                    + answer.message());
        }
        return "redirect:/admin/helpdesk/callback-log";
    }

    @GetMapping("/trace")
    String trace(@RequestParam(defaultValue = "") String ticket, Model model) {
        String asked = ticket.strip();
        model.addAttribute("ticket", asked);
        if (asked.isEmpty()) {
            model.addAttribute("error", "Give a ticket number or id to trace.");
            return "callback/trace";
        }
        TicketTrace.Trace found = trace.of(currentUser.accountId(), asked);
        model.addAttribute("trace", found);
        model.addAttribute("rows", found.callbacks().stream().map(CallRow::of).toList());
        model.addAttribute("runs", found.runs().stream().map(TracedRun::of).toList());
        var mirror = found.mirror();
        if (mirror != null) {
            model.addAttribute("remoteUpdated", CallRow.time(mirror.remoteUpdatedAt()));
            model.addAttribute("written", CallRow.time(mirror.mirroredAt()));
            model.addAttribute("deleted", CallRow.time(mirror.deletedAt()));
        }
        return "callback/trace";
    }

    /** Sync this ticket: reads it from the PSA now, whatever the callbacks did. */
    @PostMapping("/trace/sync")
    String syncTicket(@RequestParam(defaultValue = "") String ticket, RedirectAttributes redirect) {
        try {
            long runId = syncNow.syncTicket(currentUser.accountId(), ticket);
            redirect.addFlashAttribute("queuedRun", runId);
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/admin/helpdesk/callback-log/trace")
                .queryParam("ticket", ticket.strip()).encode().build().toUriString();
    }

    /** A sync run in the trace, with its start in words. */
    public record TracedRun(horizon.sync.SyncRun run, String started) {

        static TracedRun of(horizon.sync.SyncRun run) {
            return new TracedRun(run, run.startedAt() == null ? "queued " + CallRow.time(run.queuedAt())
                    : CallRow.time(run.startedAt()));
        }
    }

    /** The payload indented when it is JSON, else as received. */
    static String pretty(String payload) {
        if (payload == null || payload.isEmpty()) {
            return "";
        }
        try {
            JsonNode tree = JSON.readTree(payload);
            if (tree == null || tree.isMissingNode()) {
                return payload;
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JacksonException notJson) {
            return payload;
        }
    }

    static boolean isJson(String payload) {
        if (payload == null || payload.isBlank()) {
            return false;
        }
        try {
            JsonNode tree = JSON.readTree(payload);
            return tree != null && !tree.isMissingNode();
        } catch (JacksonException notJson) {
            return false;
        }
    }

    /** The kept headers by name, signatures shortened to their first 8 characters. */
    static Map<String, String> headers(String json) {
        Map<String, String> shown = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return shown;
        }
        Map<String, String> kept;
        try {
            kept = JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JacksonException notAnObject) {
            shown.put("(as stored)", json);
            return shown;
        }
        kept.forEach((name, value) -> shown.put(name, SIGNATURE_HEADERS.contains(name.toLowerCase())
                ? shorten(value) : value));
        return shown;
    }

    static String shorten(String signature) {
        if (signature == null) {
            return "";
        }
        return signature.length() <= 8 ? signature : signature.substring(0, 8) + "…";
    }

    private static Long externalId(String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            problems.add("External id must be the PSA's number for the record, such as 7123.");
            return null;
        }
    }

    /** A date and time typed in the filter, read as UTC. */
    private static Instant instant(String text, String label, List<String> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(label + " must be a date and time such as 2026-12-01T09:30 (UTC).");
            return null;
        }
    }

    private static String pageLink(InboxState state, InboxOutcome outcome, HelpdeskEntity entity, String externalId,
                                   String from, String to, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/helpdesk/callback-log");
        if (state != null) {
            link.queryParam("state", state.name());
        }
        if (outcome != null) {
            link.queryParam("outcome", outcome.name());
        }
        if (entity != null) {
            link.queryParam("entity", entity.name());
        }
        for (String[] param : new String[][]{{"externalId", externalId}, {"from", from}, {"to", to}}) {
            if (param[1] != null && !param[1].isBlank()) {
                link.queryParam(param[0], param[1].strip());
            }
        }
        return link.queryParam("page", page).encode().build().toUriString();
    }
}
