package horizon.writeback;

import horizon.account.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The outbox section of the Helpdesk Configuration page (loaded into it, and refreshed, by htmx): depth, the age of
 * the oldest waiting action, and the failed actions with the PSA's words, each retried or dropped by an admin.
 */
@Controller
@RequestMapping("/admin/helpdesk/outbox")
class OutboxAdminController {

    private final Writeback writeback;
    private final CurrentUser currentUser;
    private final Clock clock;

    OutboxAdminController(Writeback writeback, CurrentUser currentUser, Clock clock) {
        this.writeback = writeback;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @GetMapping
    String section(Model model) {
        return section(model, null);
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, Model model) {
        boolean queued = writeback.retry(currentUser.accountId(), id);
        return section(model, queued ? "Action " + id + " queued again." : "Action " + id + " is not failed any more.");
    }

    @PostMapping("/{id}/drop")
    String drop(@PathVariable long id, Model model) {
        boolean dropped = writeback.drop(currentUser.accountId(), id);
        return section(model, dropped ? "Action " + id + " dropped." : "Action " + id + " is not failed any more.");
    }

    private String section(Model model, String message) {
        long accountId = currentUser.accountId();
        OutboxDepth depth = writeback.depth(accountId);
        model.addAttribute("depth", depth);
        model.addAttribute("oldestAge", depth.oldestPending() == null ? null
                : age(Duration.between(depth.oldestPending(), clock.instant())));
        model.addAttribute("failures", writeback.failed(accountId));
        model.addAttribute("outboxMessage", message);
        return "writeback/outbox :: section";
    }

    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }
}
