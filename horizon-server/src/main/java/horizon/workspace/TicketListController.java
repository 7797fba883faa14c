package horizon.workspace;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorPage;
import horizon.mirror.MirrorQueries;
import horizon.mirror.TicketFilter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The agent's ticket list: mine, unassigned or all of the account's mirrored tickets, filtered, searched and paged. */
@Controller
class TicketListController {

    static final String PATH = "/tickets";
    static final int PAGE_SIZE = 50;

    /** Which tickets the list starts from. */
    enum View {
        MINE("Mine"), UNASSIGNED("Unassigned"), ALL("All");

        private final String label;

        View(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<View> of(String param) {
            for (View view : values()) {
                if (view.param().equals(param)) {
                    return Optional.of(view);
                }
            }
            return Optional.empty();
        }
    }

    private final CurrentUser currentUser;
    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final MirrorQueries mirror;
    private final MappingHelpdeskUsers mappings;
    private final LabellingTickets labelling;

    TicketListController(CurrentUser currentUser, HelpdeskConnections connections, Helpdesks helpdesks,
                         MirrorQueries mirror, MappingHelpdeskUsers mappings, LabellingTickets labelling) {
        this.currentUser = currentUser;
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.mirror = mirror;
        this.mappings = mappings;
        this.labelling = labelling;
    }

    @GetMapping(PATH)
    String list(@RequestParam(defaultValue = "") String view, @RequestParam(required = false) Long queue,
                @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") int page, Model model) {
        SignedInUser me = currentUser.get();
        Optional<HelpdeskKind> psa = connections.kind(me.accountId()).filter(helpdesks::available);
        if (psa.isEmpty()) {
            model.addAttribute("notConnected", true);
            return "workspace/list";
        }
        Optional<HelpdeskUser> mapped = mappings.helpdeskUserOf(me.accountId(), me.userId());
        View shown = View.of(view).orElse(mapped.isPresent() ? View.MINE : View.ALL);
        String search = q.strip();
        String statusCode = status.strip();
        int current = Math.max(0, page);
        TicketLabels labels = labelling.labels(me.accountId(), psa.get());

        TicketFilter filter = TicketFilter.firstPage(PAGE_SIZE).ordered(TicketFilter.Order.RECENT_ACTIVITY)
                .withOffset(current * PAGE_SIZE).withQueue(queue).withSearch(search)
                .withStatuses(statusCode.isEmpty() ? Set.of() : Set.of(statusCode));
        MirrorPage<HelpdeskTicket> tickets = new MirrorPage<>(List.of(), false);
        if (shown == View.UNASSIGNED) {
            tickets = mirror.tickets(me.accountId(), filter.onlyUnassigned());
        } else if (shown == View.ALL) {
            tickets = mirror.tickets(me.accountId(), filter);
        } else if (mapped.isPresent()) {
            tickets = mirror.tickets(me.accountId(), filter.withAssignee(mapped.get().externalId()));
        }

        model.addAttribute("psa", psa.get().displayName());
        model.addAttribute("view", shown);
        model.addAttribute("views", View.values());
        model.addAttribute("viewLinks", java.util.Arrays.stream(View.values())
                .map(v -> link(v, queue, statusCode, search, 0)).toList());
        model.addAttribute("notMapped", shown == View.MINE && mapped.isEmpty());
        model.addAttribute("rows", tickets.items().stream().map(t -> TicketRow.of(t, labels)).toList());
        model.addAttribute("queues", labels.queueChoices());
        model.addAttribute("statuses", labels.statusChoices());
        model.addAttribute("queue", queue == null ? "" : String.valueOf(queue));
        model.addAttribute("status", statusCode);
        model.addAttribute("q", search);
        model.addAttribute("page", current);
        model.addAttribute("filtered", queue != null || !statusCode.isEmpty() || !search.isEmpty());
        model.addAttribute("previous", current > 0 ? link(shown, queue, statusCode, search, current - 1) : null);
        model.addAttribute("next", tickets.hasMore() ? link(shown, queue, statusCode, search, current + 1) : null);
        return "workspace/list";
    }

    private static String link(View view, Long queue, String status, String search, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(PATH).queryParam("view", view.param());
        if (queue != null) {
            link.queryParam("queue", queue);
        }
        if (!status.isEmpty()) {
            link.queryParam("status", status);
        }
        if (!search.isEmpty()) {
            link.queryParam("q", search);
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.encode().build().toUriString();
    }
}
