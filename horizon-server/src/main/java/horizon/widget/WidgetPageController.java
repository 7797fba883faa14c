package horizon.widget;

import horizon.account.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The widget pages: the calendar and the ticket widget (small shells that hold no data; their script signs in and
 * fetches it with a bearer token), and the sign-in popup, a first-party Horizon page that hands the widget which opened
 * it a one-time code.
 */
@Controller
@RequestMapping("/widgets/{key}")
class WidgetPageController {

    private final WidgetKeys keys;
    private final WidgetHosts hosts;
    private final SigningIn signingIn;
    private final CurrentUser currentUser;
    private final WidgetAssets assets;

    WidgetPageController(WidgetKeys keys, WidgetHosts hosts, SigningIn signingIn, CurrentUser currentUser,
                         WidgetAssets assets) {
        this.assets = assets;
        this.keys = keys;
        this.hosts = hosts;
        this.signingIn = signingIn;
        this.currentUser = currentUser;
    }

    @GetMapping("/calendar")
    String calendar(@PathVariable String key, Model model, HttpServletResponse response) {
        return widget(key, "calendar", null, null, model, response);
    }

    /**
     * The ticket widget; {@code ticket} is what the PSA substituted (a hint: the data API shows a ticket only when it
     * is the account's), {@code resource} the PSA's agent where it names one (a hint the widget compares with who
     * signed in).
     */
    @GetMapping("/ticket")
    String ticket(@PathVariable String key, @RequestParam(defaultValue = "") String ticket,
                  @RequestParam(defaultValue = "") String resource, Model model, HttpServletResponse response) {
        return widget(key, "ticket", digits(ticket), digits(resource), model, response);
    }

    /** The popup: signed in first-party (the login page sends people back here), it posts a code to its opener. */
    @GetMapping("/sign-in")
    String signIn(@PathVariable String key, @RequestParam(defaultValue = "") String state,
                  @RequestParam(defaultValue = "") String origin, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("styleUrl", assets.url("widget.css"));
        model.addAttribute("scriptUrl", assets.url("sign-in.js"));
        model.addAttribute("state", state);
        try {
            model.addAttribute("code", signingIn.popupCode(currentUser.get(), key, origin, state));
        } catch (WidgetSignInRefused refused) {
            response.setStatus(refused.reason().status());
            model.addAttribute("problem", refused.getMessage());
        }
        return "widget/sign-in";
    }

    private String widget(String key, String widget, String ticket, String resource, Model model,
                          HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        Optional<Long> account = keys.accountOf(key);
        if (account.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "widget/unknown";
        }
        Optional<WidgetHost> host = hosts.of(account.get());
        model.addAttribute("styleUrl", assets.url("widget.css"));
        model.addAttribute("scriptUrl", assets.url("widget.js"));
        model.addAttribute("key", key);
        model.addAttribute("widget", widget);
        model.addAttribute("ticket", ticket);
        model.addAttribute("resource", resource);
        model.addAttribute("psa", host.map(h -> h.kind().displayName()).orElse(""));
        model.addAttribute("signIn", host.map(h -> h.signsInMembers() ? WidgetSignIn.PSA_MEMBER
                : WidgetSignIn.POPUP).map(WidgetSignIn::wire).orElse("none"));
        model.addAttribute("psaOrigins", String.join(" ", host.map(WidgetHost::psaOrigins)
                .orElse(java.util.List.of())));
        return "widget/page";
    }

    private static String digits(String text) {
        String stripped = text.strip();
        return stripped.matches("\\d{1,18}") ? stripped : "";
    }
}
