package horizon.onboarding;

import horizon.account.CurrentUser;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettingsForm;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The onboarding wizard: step 1 connects the PSA (Test Connection, then Next), step 2 sets what to sync.
 *
 * <p>Test Connection answers with an htmx fragment, so the form fields stay as typed in the browser and the server
 * never writes the secret back into HTML. A successful test is kept in the session, sealed; Next posts the fields
 * again and is accepted only when they equal the tested ones.
 */
@Controller
@RequestMapping("/admin/onboarding")
class OnboardingController {

    private static final String SYNC_STEP = "/admin/onboarding/sync";

    private final HelpdeskConnections connections;
    private final CurrentUser currentUser;

    OnboardingController(HelpdeskConnections connections, CurrentUser currentUser) {
        this.connections = connections;
        this.currentUser = currentUser;
    }

    @GetMapping
    String connectStep(@RequestParam(defaultValue = "AUTOTASK") HelpdeskKind kind, Model model) {
        return connectPage(model, kind, Map.of(), null);
    }

    /** The credential fields of the PSA chosen in the wizard, swapped in when the admin picks another. */
    @GetMapping("/fields")
    String fields(@RequestParam HelpdeskKind kind, Model model) {
        model.addAttribute("fields", connections.credentialFields(kind));
        model.addAttribute("values", Map.of());
        return "onboarding/connect :: fields";
    }

    @PostMapping("/test")
    String testConnection(@RequestParam(defaultValue = "AUTOTASK") HelpdeskKind kind,
                          @RequestParam Map<String, String> posted, HttpSession session, Model model) {
        session.removeAttribute(PendingConnection.SESSION_ATTRIBUTE);
        if (!connections.available(kind)) {
            model.addAttribute("unavailable", kind.displayName());
            return "onboarding/test-result :: result";
        }
        long accountId = currentUser.accountId();
        var credentials = HelpdeskCredentials.of(posted);
        ConnectionTestOutcome outcome = connections.test(kind, credentials);
        if (outcome.ok()) {
            session.setAttribute(PendingConnection.SESSION_ATTRIBUTE,
                    PendingConnection.seal(connections, accountId, kind, credentials, outcome.result()));
        }
        model.addAttribute("outcome", outcome);
        return "onboarding/test-result :: result";
    }

    @PostMapping("/connect")
    String next(@RequestParam(defaultValue = "AUTOTASK") HelpdeskKind kind, @RequestParam Map<String, String> posted,
                HttpSession session, Model model) {
        long accountId = currentUser.accountId();
        var credentials = HelpdeskCredentials.of(posted);
        Object pending = session.getAttribute(PendingConnection.SESSION_ATTRIBUTE);
        if (!connections.available(kind) || !(pending instanceof PendingConnection tested)
                || !tested.matches(connections, accountId, kind, credentials)) {
            // Re-asks for every secret rather than echoing it back into the page.
            return connectPage(model, kind, credentials.values(),
                    "Test the connection with these values first: Next saves only credentials that passed Test "
                            + "Connection. Enter the secrets again.");
        }
        try {
            connections.connect(accountId, kind, credentials, tested.result());
        } catch (HelpdeskConnections.DatabaseChangeUnconfirmed other) {
            // The wizard never replaces a mirror: Helpdesk Configuration asks first.
            return connectPage(model, kind, credentials.values(), other.getMessage() + " To do that, replace the "
                    + "credentials on Helpdesk Configuration, which asks you to confirm.");
        }
        session.removeAttribute(PendingConnection.SESSION_ATTRIBUTE);
        return "redirect:" + SYNC_STEP;
    }

    @GetMapping("/sync")
    String syncStep(Model model) {
        long accountId = currentUser.accountId();
        if (connections.view(accountId).isEmpty()) {
            return "redirect:/admin/onboarding";
        }
        return syncPage(model, SyncSettingsForm.of(connections.settings(accountId)), Map.of());
    }

    @PostMapping("/sync")
    String saveSyncSettings(@ModelAttribute SyncSettingsForm form, Model model, RedirectAttributes redirect) {
        long accountId = currentUser.accountId();
        if (connections.view(accountId).isEmpty()) {
            return "redirect:/admin/onboarding";
        }
        SyncSettingsForm.Reading reading = form.read();
        if (!reading.problems().isEmpty()) {
            return syncPage(model, form, reading.errors());
        }
        connections.saveSettings(accountId, reading.settings());
        redirect.addFlashAttribute("message", "Connected, and sync settings saved.");
        return "redirect:/admin/helpdesk/configuration";
    }

    private String connectPage(Model model, HelpdeskKind kind, Map<String, String> values, String error) {
        HelpdeskKind chosen = connections.available(kind) ? kind : HelpdeskKind.AUTOTASK;
        model.addAttribute("kinds", List.of(HelpdeskKind.values()));
        model.addAttribute("available", Arrays.stream(HelpdeskKind.values()).filter(connections::available).toList());
        model.addAttribute("chosen", chosen);
        model.addAttribute("fields", connections.credentialFields(chosen));
        model.addAttribute("values", values);
        model.addAttribute("error", error);
        model.addAttribute("existing", connections.view(currentUser.accountId()).orElse(null));
        return "onboarding/connect";
    }

    private String syncPage(Model model, SyncSettingsForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "onboarding/sync";
    }
}
