package horizon.onboarding;

import horizon.account.CurrentUser;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettingsForm;
import horizon.secret.SecretBox;
import jakarta.servlet.http.HttpSession;
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
    private final SecretBox secretBox;

    OnboardingController(HelpdeskConnections connections, CurrentUser currentUser, SecretBox secretBox) {
        this.connections = connections;
        this.currentUser = currentUser;
        this.secretBox = secretBox;
    }

    @GetMapping
    String connectStep(Model model) {
        return connectPage(model, "", null);
    }

    @PostMapping("/test")
    String testConnection(@RequestParam(defaultValue = "AUTOTASK") HelpdeskKind kind,
                          @RequestParam(defaultValue = "") String userName,
                          @RequestParam(defaultValue = "") String secret,
                          @RequestParam(defaultValue = "") String integrationCode,
                          HttpSession session, Model model) {
        session.removeAttribute(PendingConnection.SESSION_ATTRIBUTE);
        if (!kind.available()) {
            model.addAttribute("unavailable", kind.displayName());
            return "onboarding/test-result :: result";
        }
        long accountId = currentUser.accountId();
        var credentials = new HelpdeskCredentials(userName, secret, integrationCode);
        ConnectionTestOutcome outcome = connections.test(kind, credentials);
        if (outcome.ok()) {
            session.setAttribute(PendingConnection.SESSION_ATTRIBUTE,
                    PendingConnection.seal(secretBox, accountId, kind, credentials, outcome.result()));
        }
        model.addAttribute("outcome", outcome);
        return "onboarding/test-result :: result";
    }

    @PostMapping("/connect")
    String next(@RequestParam(defaultValue = "AUTOTASK") HelpdeskKind kind,
                @RequestParam(defaultValue = "") String userName,
                @RequestParam(defaultValue = "") String secret,
                @RequestParam(defaultValue = "") String integrationCode,
                HttpSession session, Model model) {
        long accountId = currentUser.accountId();
        var credentials = new HelpdeskCredentials(userName, secret, integrationCode);
        Object pending = session.getAttribute(PendingConnection.SESSION_ATTRIBUTE);
        if (!(pending instanceof PendingConnection tested) || !tested.matches(secretBox, accountId, kind, credentials)) {
            // Re-asks for every value rather than echoing the secret back into the page.
            return connectPage(model, credentials.userName(),
                    "Test the connection with these values first: Next saves only credentials that passed Test "
                            + "Connection. Enter the secret and integration code again.");
        }
        connections.connect(accountId, kind, credentials, tested.result());
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

    private String connectPage(Model model, String userName, String error) {
        model.addAttribute("kinds", List.of(HelpdeskKind.values()));
        model.addAttribute("userName", userName);
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
