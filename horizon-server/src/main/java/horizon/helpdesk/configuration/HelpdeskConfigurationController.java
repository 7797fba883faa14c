package horizon.helpdesk.configuration;

import horizon.account.CurrentUser;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.Helpdesks;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Helpdesk Configuration page: the stored connection (credentials masked, replaceable, never shown), a fresh test,
 * the API budget, and the sync settings.
 */
@Controller
@RequestMapping("/admin/helpdesk/configuration")
class HelpdeskConfigurationController {

    private static final String PAGE = "/admin/helpdesk/configuration";
    /** Tested credentials that reach another database, sealed, waiting for the admin's confirmation. */
    private static final String PENDING_REPLACEMENT = "helpdesk-replacement-pending";

    private final HelpdeskConnections connections;
    private final CurrentUser currentUser;
    private final Helpdesks helpdesks;

    HelpdeskConfigurationController(HelpdeskConnections connections, CurrentUser currentUser, Helpdesks helpdesks) {
        this.connections = connections;
        this.currentUser = currentUser;
        this.helpdesks = helpdesks;
    }

    @GetMapping
    String page(Model model) {
        long accountId = currentUser.accountId();
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SyncSettingsForm.of(connections.settings(accountId)));
        }
        return page(model, accountId);
    }

    @PostMapping("/test")
    String testAgain(RedirectAttributes redirect) {
        Optional<ConnectionTestOutcome> outcome = connections.retest(currentUser.accountId());
        outcome.ifPresent(o -> redirect.addFlashAttribute("outcome", o));
        return "redirect:" + PAGE;
    }

    @PostMapping("/credentials")
    String replaceCredentials(@RequestParam Map<String, String> posted, Model model, RedirectAttributes redirect,
                              HttpSession session) {
        long accountId = currentUser.accountId();
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        if (kind.isEmpty()) {
            return "redirect:/admin/onboarding";
        }
        HelpdeskCredentials credentials = HelpdeskCredentials.of(posted);
        return replaced(accountId, credentials, connections.replaceCredentials(accountId, kind.get(), credentials,
                null), model, redirect, session);
    }

    /**
     * The admin confirms that the credentials tested a moment ago, which reach another PSA database, replace the
     * stored ones and start a fresh mirror. The credentials waited sealed in the session; they are tested again.
     */
    @PostMapping("/credentials/confirm")
    String confirmDatabaseChange(@RequestParam String database, Model model, RedirectAttributes redirect,
                                 HttpSession session) {
        long accountId = currentUser.accountId();
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        Object pending = session.getAttribute(PENDING_REPLACEMENT);
        session.removeAttribute(PENDING_REPLACEMENT);
        if (kind.isEmpty() || !(pending instanceof String sealed)) {
            redirect.addFlashAttribute("error", "Nothing waits to be confirmed: enter the new credentials again.");
            return "redirect:" + PAGE;
        }
        HelpdeskCredentials credentials = connections.openPending(accountId, sealed);
        return replaced(accountId, credentials, connections.replaceCredentials(accountId, kind.get(), credentials,
                database), model, redirect, session);
    }

    private String replaced(long accountId, HelpdeskCredentials credentials, ConnectionTestOutcome outcome,
                            Model model, RedirectAttributes redirect, HttpSession session) {
        if (outcome.needsConfirmation()) {
            session.setAttribute(PENDING_REPLACEMENT, connections.sealPending(accountId, credentials));
            model.addAttribute("databaseChange", outcome.change());
            model.addAttribute("form", SyncSettingsForm.of(connections.settings(accountId)));
            return page(model, accountId);
        }
        if (outcome.ok()) {
            redirect.addFlashAttribute("outcome", outcome);
            redirect.addFlashAttribute("message", "New credentials tested and saved.");
            return "redirect:" + PAGE;
        }
        // The failed values are not written back into the form: the admin enters them again.
        model.addAttribute("replaceOutcome", outcome);
        model.addAttribute("form", SyncSettingsForm.of(connections.settings(accountId)));
        return page(model, accountId);
    }

    @PostMapping("/sync-settings")
    String saveSyncSettings(@ModelAttribute SyncSettingsForm form, Model model, RedirectAttributes redirect) {
        long accountId = currentUser.accountId();
        SyncSettingsForm.Reading reading = form.read();
        if (!reading.problems().isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("errors", reading.errors());
            return page(model, accountId);
        }
        connections.saveSettings(accountId, reading.settings());
        redirect.addFlashAttribute("message", "Sync settings saved.");
        return "redirect:" + PAGE;
    }

    private String page(Model model, long accountId) {
        Optional<ConnectionView> view = connections.view(accountId);
        model.addAttribute("connection", view.orElse(null));
        model.addAttribute("credentialFields", view.map(v -> connections.credentialFields(v.kind())).orElse(List.of()));
        // Horizon's own use of the budget, as this node's rate gate counted it (no request to the PSA).
        model.addAttribute("horizonRequestsLastHour", horizonRequestsLastHour(view, accountId));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "helpdesk/configuration";
    }

    private Integer horizonRequestsLastHour(Optional<ConnectionView> view, long accountId) {
        try {
            return view.flatMap(v -> helpdesks.adapter(v.kind())).map(adapter -> adapter.reader())
                    .flatMap(reader -> connections.credentials(accountId).map(reader::requestsInLastHour))
                    .orElse(null);
        } catch (RuntimeException unreadable) {
            // The connection state on the page already says the credentials cannot be opened.
            return null;
        }
    }
}
