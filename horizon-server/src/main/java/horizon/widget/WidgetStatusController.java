package horizon.widget;

import horizon.account.CurrentUser;
import horizon.helpdesk.HelpdeskTicket;
import horizon.mirror.MirrorQueries;
import horizon.mirror.TicketFilter;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Helpdesk Widget Status page: green, amber or red by the rules written on it, per widget its last successful
 * render, renders per day, the sign-in paths that worked, the browsers seen and the newest failures; the steps to embed
 * the widgets in the account's PSA, each value ready to copy; and, on request, a live preview of both widgets framed by
 * Horizon itself (so the page stays light until the admin asks).
 */
@Controller
@RequestMapping("/admin/helpdesk/widget-status")
class WidgetStatusController {

    /** Preview frames are as narrow as the narrowest place a PSA gives a widget. */
    static final int PREVIEW_WIDTH = 320;

    private final WidgetStatus status;
    private final MirrorQueries mirror;
    private final CurrentUser currentUser;

    WidgetStatusController(WidgetStatus status, MirrorQueries mirror, CurrentUser currentUser) {
        this.status = status;
        this.mirror = mirror;
        this.currentUser = currentUser;
    }

    /**
     * The page; {@code preview} shows the widgets framed, the ticket widget on {@code ticket} (the PSA's ticket id) or
     * else the account's most recently active ticket.
     */
    @GetMapping
    String page(@RequestParam(defaultValue = "false") boolean preview, @RequestParam(defaultValue = "") String ticket,
                Model model) {
        long accountId = currentUser.accountId();
        WidgetStatus.View view = status.of(accountId);
        model.addAttribute("view", view);
        model.addAttribute("rules", status.rules());
        model.addAttribute("previewWidth", PREVIEW_WIDTH);
        if (view.embedding() != null) {
            Long previewTicket = ticket.strip().matches("\\d{1,18}") ? Long.valueOf(ticket.strip())
                    : newestTicket(accountId);
            model.addAttribute("previewTicket", previewTicket);
            model.addAttribute("preview", preview);
            if (preview) {
                // On Horizon's own origin, so this page may frame them whatever the PSA's origins are.
                String widgets = "/widgets/" + view.embedding().key();
                model.addAttribute("calendarSrc", widgets + "/calendar");
                model.addAttribute("ticketSrc", previewTicket == null ? null
                        : widgets + "/ticket?ticket=" + previewTicket);
            }
        }
        return "widget/status";
    }

    private Long newestTicket(long accountId) {
        List<HelpdeskTicket> newest = mirror.tickets(accountId, TicketFilter.firstPage(1)
                .ordered(TicketFilter.Order.RECENT_ACTIVITY)).items();
        return newest.isEmpty() ? null : newest.get(0).externalId();
    }
}
