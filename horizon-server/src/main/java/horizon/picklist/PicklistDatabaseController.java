package horizon.picklist;

import horizon.account.CurrentUser;
import horizon.helpdesk.configuration.HelpdeskConnections;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Picklist Database page: every picklist mirrored for the admin's account, a filter, and Refresh now. */
@Controller
class PicklistDatabaseController {

    static final String PATH = "/admin/helpdesk/picklists";

    private final PicklistDatabase database;
    private final HelpdeskConnections connections;
    private final CurrentUser currentUser;

    PicklistDatabaseController(PicklistDatabase database, HelpdeskConnections connections, CurrentUser currentUser) {
        this.database = database;
        this.connections = connections;
        this.currentUser = currentUser;
    }

    @GetMapping(PATH)
    String page(@RequestParam(name = "q", defaultValue = "") String filter, Model model) {
        long accountId = currentUser.accountId();
        model.addAttribute("catalog", database.catalog(accountId, filter));
        model.addAttribute("connected", connections.view(accountId).isPresent());
        return "picklist/database";
    }
}
