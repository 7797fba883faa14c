package horizon.account;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin page for the account's users and personal API tokens. Every read and write is scoped to the account. */
@Controller
class UserAdminController {

    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final UserRepository users;
    private final ApiTokens tokens;

    UserAdminController(CurrentUser currentUser, Accounts accounts, UserRepository users, ApiTokens tokens) {
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.users = users;
        this.tokens = tokens;
    }

    @GetMapping("/admin/users")
    String page(Model model) {
        return render(model, currentUser.get());
    }

    @PostMapping("/admin/users")
    String addUser(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
                   @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "AGENT") String role,
                   Model model, RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        try {
            HorizonUser added = accounts.addUser(me.accountId(), email, displayName, password, parseRole(role));
            redirect.addFlashAttribute("message", "Added " + added.displayName() + " (" + added.email() + ")");
            return "redirect:/admin/users";
        } catch (InvalidInput e) {
            model.addAttribute("userError", e);
            // The typed password is deliberately not sent back into the form.
            model.addAttribute("draft", new UserDraft(email, displayName, role));
            return render(model, me);
        }
    }

    @PostMapping("/admin/users/{userId}/enabled")
    String setEnabled(@PathVariable long userId, @RequestParam boolean enabled, RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        HorizonUser user = users.findInAccount(me.accountId(), userId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (user.id() == me.userId() && !enabled) {
            redirect.addFlashAttribute("message", "You cannot disable yourself; ask another admin.");
            return "redirect:/admin/users";
        }
        accounts.setEnabled(me.accountId(), userId, enabled);
        redirect.addFlashAttribute("message", (enabled ? "Enabled " : "Disabled ") + user.email());
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/api-tokens")
    String issueToken(@RequestParam(defaultValue = "") String name, Model model) {
        SignedInUser me = currentUser.get();
        try {
            // Rendered directly, not redirected: the token text is never kept anywhere, not even in the session.
            model.addAttribute("issued", tokens.issue(me.accountId(), me.userId(), name));
        } catch (InvalidInput e) {
            model.addAttribute("tokenError", e);
        }
        return render(model, me);
    }

    @PostMapping("/admin/api-tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable long tokenId, RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        boolean known = tokens.inAccount(me.accountId()).stream().anyMatch(t -> t.id() == tokenId);
        if (!known) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        tokens.revoke(me.accountId(), tokenId);
        redirect.addFlashAttribute("message", "Token revoked; requests using it are refused from now on.");
        return "redirect:/admin/users";
    }

    /** What the admin typed into the add-user form, sent back after a refusal (without the password). */
    record UserDraft(String email, String displayName, String role) {
    }

    private String render(Model model, SignedInUser me) {
        model.addAttribute("account", accounts.account(me.accountId()).orElseThrow());
        model.addAttribute("users", users.findByAccount(me.accountId()));
        model.addAttribute("tokens", tokens.inAccount(me.accountId()));
        model.addAttribute("me", me);
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", new UserDraft("", "", "AGENT"));
        }
        return "account/users";
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("role", "Choose ADMIN or AGENT");
        }
    }
}
