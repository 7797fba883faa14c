package horizon.web;

import horizon.account.Accounts;
import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and where a signed-in person lands: admins on the admin panel, agents on their home page. */
@Controller
class PageController {

    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final AdminMenu menu;

    PageController(CurrentUser currentUser, Accounts accounts, AdminMenu menu) {
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.menu = menu;
    }

    @GetMapping("/login")
    String login() {
        return "web/login";
    }

    @GetMapping("/")
    String home(Model model) {
        SignedInUser user = currentUser.get();
        if (user.isAdmin()) {
            return "redirect:/admin";
        }
        model.addAttribute("account", accounts.account(user.accountId()).orElseThrow());
        return "web/home";
    }

    @GetMapping("/admin")
    String admin(Model model) {
        SignedInUser user = currentUser.get();
        model.addAttribute("account", accounts.account(user.accountId()).orElseThrow());
        model.addAttribute("sections", menu.sections());
        return "web/admin";
    }
}
