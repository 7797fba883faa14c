package horizon.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The first-start page that creates the first account and its admin, reachable only with the logged one-time token. */
@Controller
class SetupController {

    private final FirstAdminSetup setup;

    SetupController(FirstAdminSetup setup) {
        this.setup = setup;
    }

    /** What the operator typed, sent back after a refusal (without the password). */
    record SetupDraft(String accountName, String email, String displayName) {
    }

    @GetMapping("/setup")
    String page(@RequestParam(defaultValue = "") String token, Model model) {
        if (!setup.matches(token)) {
            return "redirect:/login";
        }
        model.addAttribute("token", token);
        model.addAttribute("draft", new SetupDraft("", "", ""));
        return "account/setup";
    }

    @PostMapping("/setup")
    String complete(@RequestParam(defaultValue = "") String token,
                    @RequestParam(defaultValue = "") String accountName,
                    @RequestParam(defaultValue = "") String email,
                    @RequestParam(defaultValue = "") String displayName,
                    @RequestParam(defaultValue = "") String password,
                    Model model) {
        if (!setup.matches(token)) {
            return "redirect:/login";
        }
        try {
            setup.complete(token, accountName, email, displayName, password);
            return "redirect:/login?setupDone";
        } catch (InvalidInput e) {
            model.addAttribute("token", token);
            model.addAttribute("error", e);
            model.addAttribute("draft", new SetupDraft(accountName, email, displayName));
            return "account/setup";
        }
    }
}
