package horizon.picklist;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.sync.SyncNow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Picklist Database page: every picklist mirrored for the admin's account, a filter, and Refresh now. */
@Controller
class PicklistDatabaseController {

    static final String PATH = "/admin/helpdesk/picklists";

    private static final Logger log = LoggerFactory.getLogger(PicklistDatabaseController.class);

    private final PicklistDatabase database;
    private final HelpdeskConnections connections;
    private final CurrentUser currentUser;
    private final SyncNow syncNow;

    PicklistDatabaseController(PicklistDatabase database, HelpdeskConnections connections, CurrentUser currentUser,
                               SyncNow syncNow) {
        this.database = database;
        this.connections = connections;
        this.currentUser = currentUser;
        this.syncNow = syncNow;
    }

    @GetMapping(PATH)
    String page(@RequestParam(name = "q", defaultValue = "") String filter, Model model) {
        long accountId = currentUser.accountId();
        model.addAttribute("catalog", database.catalog(accountId, filter));
        model.addAttribute("connected", connections.view(accountId).isPresent());
        return "picklist/database";
    }

    /**
     * Refresh now: queues a picklist sync run. htmx swaps in the result panel (which follows the run's state); without
     * JavaScript the page is reloaded with the same panel.
     */
    @PostMapping(PATH + "/refresh")
    String refresh(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                   RedirectAttributes redirect) {
        SignedInUser me = currentUser.get();
        Long runId = null;
        String error = null;
        try {
            runId = syncNow.refreshPicklists(me.accountId());
            log.info("account={} picklist refresh queued as run {} by user {}", me.accountId(), runId, me.userId());
        } catch (SyncNow.NotConnected e) {
            error = e.getMessage();
        }
        if (htmx != null) {
            model.addAttribute("runId", runId);
            model.addAttribute("refreshError", error);
            return "picklist/database :: refresh-result";
        }
        if (runId != null) {
            redirect.addFlashAttribute("runId", runId);
        }
        if (error != null) {
            redirect.addFlashAttribute("refreshError", error);
        }
        return "redirect:" + PATH;
    }
}
