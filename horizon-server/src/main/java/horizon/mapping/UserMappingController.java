package horizon.mapping;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Helpdesk User Mapping page: every active helpdesk user and the Horizon user it is, for the admin's account. */
@Controller
class UserMappingController {

    static final String PATH = "/admin/helpdesk/user-mapping";

    private final MappingHelpdeskUsers mapping;
    private final CurrentUser currentUser;

    UserMappingController(MappingHelpdeskUsers mapping, CurrentUser currentUser) {
        this.mapping = mapping;
        this.currentUser = currentUser;
    }

    @GetMapping(PATH)
    String page(Model model) {
        return render(model, currentUser.accountId());
    }

    @PostMapping(PATH + "/{externalId}/bind")
    String bind(@PathVariable long externalId, @RequestParam(required = false) Long horizonUserId,
                RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        return change(redirect, () -> {
            if (horizonUserId == null) {
                throw new MappingRefused(MappingRefused.Reason.INVALID, "Choose a Horizon user to bind.");
            }
            MappedHelpdeskUser bound = mapping.bind(me.accountId(), externalId, horizonUserId, me.userId());
            return "Mapped " + bound.displayName() + " to " + bound.mappedTo().displayName() + ".";
        });
    }

    @PostMapping(PATH + "/{externalId}/accept")
    String accept(@PathVariable long externalId, RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        return change(redirect, () -> {
            MappedHelpdeskUser bound = mapping.acceptSuggestion(me.accountId(), externalId, me.userId());
            return "Mapped " + bound.displayName() + " to " + bound.mappedTo().displayName() + " (same e-mail).";
        });
    }

    @PostMapping(PATH + "/{externalId}/unbind")
    String unbind(@PathVariable long externalId, RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        return change(redirect, () -> mapping.unbind(me.accountId(), externalId, me.userId())
                ? "Removed the mapping of helpdesk user " + externalId + "."
                : "Helpdesk user " + externalId + " was not mapped.");
    }

    @PostMapping(PATH + "/{externalId}/create-user")
    String createUser(@PathVariable long externalId, Model model) {
        SignedInUser me = currentUser.get();
        try {
            // Rendered, not redirected: the temporary password must not survive in a flash attribute or session.
            model.addAttribute("created", mapping.createHorizonUser(me.accountId(), externalId, me.userId()));
        } catch (MappingRefused e) {
            notFoundIfUnknown(e);
            model.addAttribute("error", e.getMessage());
        }
        return render(model, me.accountId());
    }

    private String change(RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (MappingRefused e) {
            notFoundIfUnknown(e);
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + PATH;
    }

    private static void notFoundIfUnknown(MappingRefused e) {
        // Ids of another account's records are answered exactly like ids that do not exist.
        if (e.reason() == MappingRefused.Reason.HELPDESK_USER_UNKNOWN
                || e.reason() == MappingRefused.Reason.HORIZON_USER_UNKNOWN) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    private String render(Model model, long accountId) {
        model.addAttribute("overview", mapping.overview(accountId));
        return "mapping/user-mapping";
    }
}
