package horizon.sync;

import horizon.account.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** The Sync Run logs page: every run with its counts and outcome, live progress of running ones, and Sync now. */
@Controller
@RequestMapping("/admin/helpdesk/sync-runs")
class SyncRunsController {

    static final int PAGE_SIZE = 50;
    /** Quarantined records the page lists, last met first. */
    static final int QUARANTINE_SHOWN = 100;

    private final SyncRunRepository runs;
    private final SyncDueRepository due;
    private final ConnectedAccounts accounts;
    private final SyncNow syncNow;
    private final CurrentUser currentUser;
    private final SyncProperties properties;
    private final Clock clock;

    SyncRunsController(SyncRunRepository runs, SyncDueRepository due, ConnectedAccounts accounts, SyncNow syncNow,
                       CurrentUser currentUser, SyncProperties properties, Clock clock) {
        this.runs = runs;
        this.due = due;
        this.accounts = accounts;
        this.syncNow = syncNow;
        this.currentUser = currentUser;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The account's syncs keep failing in a way that may pass: how often in a row, when the next try is, and why.
     *
     * @param failures  failed dispatches in a row
     * @param nextTry   when the next try is due, in words
     * @param lastError the last failure
     */
    public record Retrying(int failures, String nextTry, String lastError) {
    }

    @GetMapping
    String page(@RequestParam(required = false) SyncKind kind, @RequestParam(required = false) SyncState state,
                @RequestParam(defaultValue = "0") int page, Model model) {
        long accountId = currentUser.accountId();
        int current = Math.max(0, page);
        Instant now = clock.instant();
        List<SyncRunRow> rows = runs.page(accountId, kind, state, current * PAGE_SIZE, PAGE_SIZE).stream()
                .map(run -> SyncRunRow.of(run, now)).toList();
        long total = runs.count(accountId, kind, state);
        model.addAttribute("rows", rows);
        model.addAttribute("kinds", SyncKind.values());
        model.addAttribute("states", SyncState.values());
        model.addAttribute("kind", kind);
        model.addAttribute("state", state);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
        model.addAttribute("total", total);
        model.addAttribute("runRetention", period(properties.runRetention()));
        model.addAttribute("quietRunRetention", period(properties.quietRunRetention()));
        model.addAttribute("connectionFailure", accounts.failure(accountId).orElse(null));
        model.addAttribute("quarantined", runs.quarantined(accountId, QUARANTINE_SHOWN));
        model.addAttribute("retrying", due.find(accountId).filter(d -> d.failures() > 0)
                .map(d -> new Retrying(d.failures(), SyncRunRow.time(d.dueAt()), d.lastError())).orElse(null));
        return "sync/sync-runs";
    }

    /** A retention period in words: whole days as days, anything else in hours. */
    static String period(Duration duration) {
        long hours = duration.toHours();
        if (hours % 24 == 0) {
            return hours / 24 + (hours == 24 ? " day" : " days");
        }
        return hours + (hours == 1 ? " hour" : " hours");
    }

    /** One row, polled by htmx while the run is queued or running. */
    @GetMapping("/{id}/row")
    String row(@PathVariable long id, Model model) {
        SyncRun run = runs.find(currentUser.accountId(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("row", SyncRunRow.of(run, clock.instant()));
        return "sync/run-row :: run-row";
    }

    @PostMapping("/sync-now")
    String syncNow(RedirectAttributes redirect) {
        return queued(redirect, () -> syncNow.syncEverything(currentUser.accountId()), "Sync now");
    }

    @PostMapping("/sync-ticket")
    String syncTicket(@RequestParam(defaultValue = "") String ticket, RedirectAttributes redirect) {
        return queued(redirect, () -> syncNow.syncTicket(currentUser.accountId(), ticket), "Sync of ticket " + ticket);
    }

    private String queued(RedirectAttributes redirect, java.util.function.LongSupplier queue, String what) {
        try {
            long runId = queue.getAsLong();
            redirect.addFlashAttribute("message", what + " queued as run #" + runId + ".");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/helpdesk/sync-runs";
    }
}
