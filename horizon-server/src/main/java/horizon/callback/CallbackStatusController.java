package horizon.callback;

import horizon.account.CurrentUser;
import horizon.helpdesk.DeliveryFailure;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Helpdesk Callback Status page: green, amber or red by the rules written on it, the webhooks as the PSA reports
 * them, what arrived in the last hour and the last 24, the polling fallback, and Re-register webhooks.
 */
@Controller
@RequestMapping("/admin/helpdesk/callback-status")
class CallbackStatusController {

    private final CallbackStatus status;
    private final WebhookRegistrar registrar;
    private final HookContexts contexts;
    private final CurrentUser currentUser;

    CallbackStatusController(CallbackStatus status, WebhookRegistrar registrar, HookContexts contexts,
                             CurrentUser currentUser) {
        this.status = status;
        this.registrar = registrar;
        this.contexts = contexts;
        this.currentUser = currentUser;
    }

    /** A delivery the PSA gave up on, its time in words. */
    public record FailureRow(DeliveryFailure failure, String at) {
    }

    @GetMapping
    String page(Model model) {
        CallbackStatus.View view = status.of(currentUser.accountId());
        model.addAttribute("view", view);
        model.addAttribute("rules", CallbackStatus.RULES);
        model.addAttribute("chart", CallbackChart.of(view.buckets()));
        model.addAttribute("lastCallback", view.lastCallback() == null ? null : CallRow.time(view.lastCallback()));
        model.addAttribute("oldestQueued", view.oldestQueued() == null ? null : CallRow.words(view.oldestQueued()));
        model.addAttribute("pollingInterval", view.pollingInterval() == null ? null
                : CallRow.words(view.pollingInterval()));
        var registration = view.registration();
        if (registration != null) {
            model.addAttribute("attemptedAt", CallRow.time(registration.attemptedAt()));
            model.addAttribute("registeredAt", CallRow.time(registration.registeredAt()));
        }
        var poll = view.lastPoll();
        if (poll != null) {
            model.addAttribute("lastPollAt", poll.startedAt() == null ? "queued " + CallRow.time(poll.queuedAt())
                    : CallRow.time(poll.startedAt()));
        }
        model.addAttribute("failures", view.deliveryFailures().stream()
                .map(failure -> new FailureRow(failure, CallRow.time(failure.at()))).toList());
        return "callback/callback-status";
    }

    /** Registers (or repairs) the webhooks now; the door forgets what it held so the next call sees them. */
    @PostMapping("/register")
    String register(RedirectAttributes redirect) {
        long accountId = currentUser.accountId();
        Optional<WebhookRegistrar.Outcome> outcome = registrar.register(accountId);
        contexts.forget(accountId);
        if (outcome.isEmpty()) {
            redirect.addFlashAttribute("error", "Connect a helpdesk first: this account has no helpdesk connection.");
        } else if (outcome.get().ok()) {
            List<?> hooks = outcome.get().hooks();
            redirect.addFlashAttribute("message", "Webhooks registered: the PSA holds " + hooks.size() + " of "
                    + "Horizon's webhook" + (hooks.size() == 1 ? "" : "s") + ".");
        } else {
            var failure = outcome.get().failure();
            redirect.addFlashAttribute("error", "Registration failed. " + failure.title() + ": "
                    + failure.getMessage());
        }
        return "redirect:/admin/helpdesk/callback-status";
    }
}
