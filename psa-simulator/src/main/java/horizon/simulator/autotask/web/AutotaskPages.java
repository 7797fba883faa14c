package horizon.simulator.autotask.web;

import horizon.simulator.autotask.Zone;
import horizon.simulator.autotask.store.Database;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.PicklistValue;
import horizon.simulator.autotask.store.RecordWrites;
import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.Schemas;
import horizon.simulator.core.http.Incoming;
import horizon.simulator.core.http.Reply;
import horizon.simulator.core.web.Html;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Autotask screens integrations appear on, served under the database zone's web URL (the PSA's web origin; the
 * other zones answer a 404 page naming it):
 * <ul>
 *   <li>{@code GET /Mvc/Dashboard?resource={resourceId}}: the resource's dashboard, its own tab and the shared tab,
 *   each HTML widget's markup placed in the page as given; a shared widget is replaced by a note while
 *   {@code allowHtmlWidgetsOnSharedTabs} is off;</li>
 *   <li>{@code GET /Mvc/ServiceDesk/TicketDetail?ticketId={id}&resource={resourceId}}: the ticket's page, each LiveLink
 *   as a link and, standing in for opening it, in a panel iframe, its variables filled in.</li>
 * </ul>
 * Paths and parameter names match ignoring case, as IIS does. {@code resource} names who is logged in (the simulator's
 * shortcut for a login): an unknown resource answers a 404 page, an inactive or API-only one a 403 page. Autotask
 * passes the frames no identity. Pages are not touched by the API's faults, budget or thread limit.
 */
public final class AutotaskPages {
    private static final String ENDPOINT = "web";
    private static final String CSS = Html.resource(AutotaskPages.class, "screen.css");

    private final Database db;
    private final RecordWrites writes;
    private final WebSetup setup;
    private final Zone databaseZone;

    public AutotaskPages(RecordWrites writes, WebSetup setup, Zone databaseZone) {
        this.db = writes.database();
        this.writes = writes;
        this.setup = setup;
        this.databaseZone = databaseZone;
    }

    /** The dashboard's path for a resource, relative to the zone's web URL. */
    public static String dashboardPath(long resourceId) {
        return "Mvc/Dashboard?resource=" + resourceId;
    }

    /** A ticket page's path for a resource, relative to the zone's web URL. */
    public static String ticketDetailPath(long ticketId, long resourceId) {
        return "Mvc/ServiceDesk/TicketDetail?ticketId=" + ticketId + "&resource=" + resourceId;
    }

    /** Whether a request's path is one of these screens' ({@code /Mvc/...}). */
    public static boolean handles(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equalsIgnoreCase("Mvc");
    }

    /** Answers a request to {@code /Mvc/...} that reached the given zone's port. */
    public Reply serve(Zone zone, Incoming request) {
        if (!zone.name().equals(databaseZone.name())) {
            return notice(404, "Wrong zone", "This Autotask database is served at " + databaseZone.webUrl() + ".");
        }
        if (!request.method().equals("GET")) {
            return notice(405, "Method not allowed", "The page answers GET only.").withHeader("Allow", "GET");
        }
        List<String> path = request.segments();
        boolean dashboard = path.size() == 2 && path.get(1).equalsIgnoreCase("Dashboard");
        boolean ticket = path.size() == 3 && path.get(1).equalsIgnoreCase("ServiceDesk")
                && path.get(2).equalsIgnoreCase("TicketDetail");
        if (!dashboard && !ticket) {
            return notice(404, "Page not found", "There is no such page.");
        }
        Long resourceId = number(request.query().get("resource"));
        if (resourceId == null) {
            return notice(400, "Who is logged in?", "Name the logged-in resource with ?resource={resource id}.");
        }
        Row resource = db.get(Schemas.RESOURCES, resourceId);
        if (resource == null) {
            return notice(404, "Resource not found", "There is no resource " + resourceId + ".");
        }
        EntitySchema resources = db.schemas().get(Schemas.RESOURCES);
        if (!Boolean.TRUE.equals(resource.get(resources.require("isActive"))) || writes.isApiOnly(resource)) {
            return notice(403, "Cannot log in", "Resource " + resourceId
                    + " is inactive or an API user and cannot log in to Autotask.");
        }
        ObjectNode who = db.toJson(resources, resource, null);
        if (dashboard) {
            return dashboard(who);
        }
        Long ticketId = number(request.query().get("ticketid"));
        Row row = ticketId == null ? null : db.get(Schemas.TICKETS, ticketId);
        if (row == null) {
            return notice(404, "Ticket not found", "There is no ticket " + request.query().getOrDefault("ticketid", "")
                    + ".");
        }
        return ticketDetail(db.toJson(db.schemas().get(Schemas.TICKETS), row, null), who);
    }

    private Reply dashboard(ObjectNode resource) {
        StringBuilder body = new StringBuilder();
        body.append("<body class=\"at-screen\" data-screen=\"dashboard\" data-resource-id=\"")
                .append(resource.get("id").asLong()).append("\">\n");
        header(body, resource);
        body.append("<nav class=\"crumbs\">Home &rsaquo; Dashboard</nav>\n<main>\n<h1>Dashboard</h1>\n");
        List<HtmlWidget> widgets = setup.widgets();
        tab(body, "mine", "My Dashboard", widgets.stream().filter(w -> !w.shared()).toList());
        tab(body, "shared", "Shared Dashboard", widgets.stream().filter(HtmlWidget::shared).toList());
        body.append("</main>\n</body>\n");
        return Html.reply(ENDPOINT, 200, Html.document("Dashboard - Autotask", CSS, body.toString()));
    }

    private void tab(StringBuilder body, String key, String title, List<HtmlWidget> widgets) {
        body.append("<section class=\"tab\" data-tab=\"").append(key).append("\">\n<h2>").append(title).append("</h2>\n");
        if (widgets.isEmpty()) {
            body.append("<p class=\"empty\">No widgets on this tab.</p>\n");
        }
        boolean allowShared = setup.allowHtmlWidgetsOnSharedTabs();
        for (HtmlWidget widget : widgets) {
            boolean rendered = !widget.shared() || allowShared;
            body.append("<section class=\"widget html-widget\" data-widget-id=\"").append(widget.id())
                    .append("\" data-shared=\"").append(widget.shared()).append("\" data-rendered=\"").append(rendered)
                    .append("\">\n<h3>").append(Html.escape(widget.title())).append("</h3>\n");
            if (rendered) {
                // the administrator's markup, as given: that is what an HTML widget is
                body.append("<div class=\"widget-body\">").append(widget.html()).append("</div>\n");
            } else {
                body.append("<p class=\"blocked\">HTML widgets are not shown on shared tabs. An administrator can "
                        + "allow them (allowHtmlWidgetsOnSharedTabs).</p>\n");
            }
            body.append("</section>\n");
        }
        body.append("</section>\n");
    }

    private Reply ticketDetail(ObjectNode ticket, ObjectNode resource) {
        long ticketId = ticket.get("id").asLong();
        long resourceId = resource.get("id").asLong();
        String number = Html.text(ticket.get("ticketNumber"));
        StringBuilder body = new StringBuilder();
        body.append("<body class=\"at-screen\" data-screen=\"ticket\" data-ticket-id=\"").append(ticketId)
                .append("\" data-resource-id=\"").append(resourceId).append("\">\n");
        header(body, resource);
        body.append("<nav class=\"crumbs\">Service Desk &rsaquo; Tickets &rsaquo; ").append(Html.escape(number))
                .append("</nav>\n<main>\n<h1 id=\"ticket-title\"><span class=\"ticket-number\">").append(Html.escape(number))
                .append("</span>").append(Html.escape(Html.text(ticket.get("title")))).append("</h1>\n");
        body.append("<section class=\"panel ticket-fields\">\n<dl class=\"fields\">\n");
        field(body, "Organization", companyName(ticket.path("companyID").asLong(-1)));
        field(body, "Status", label("status", ticket));
        field(body, "Priority", label("priority", ticket));
        field(body, "Queue", label("queueID", ticket));
        field(body, "Primary resource", resourceName(ticket.path("assignedResourceID").asLong(-1)));
        field(body, "Created", Html.text(ticket.get("createDate")));
        field(body, "Due", Html.text(ticket.get("dueDateTime")));
        field(body, "Description", Html.text(ticket.get("description")));
        body.append("</dl>\n</section>\n");
        List<LiveLink> links = setup.liveLinks();
        body.append("<section class=\"panel\" id=\"livelinks\">\n<h2>LiveLinks</h2>\n");
        if (links.isEmpty()) {
            body.append("<p class=\"empty\">No LiveLinks are set up.</p>\n");
        } else {
            body.append("<ul class=\"livelinks\">\n");
            for (LiveLink link : links) {
                body.append("<li><a class=\"livelink\" data-livelink-id=\"").append(link.id()).append("\" href=\"")
                        .append(Html.escape(link.urlFor(ticketId, number, resourceId)))
                        .append("\" target=\"_blank\" rel=\"noopener\">").append(Html.escape(link.name()))
                        .append("</a></li>\n");
            }
            body.append("</ul>\n");
        }
        body.append("</section>\n");
        for (LiveLink link : links) {
            body.append("<section class=\"panel livelink-panel\" data-livelink-id=\"").append(link.id()).append("\">\n<h2>")
                    .append(Html.escape(link.name())).append("</h2>\n<iframe class=\"livelink-frame\" id=\"livelink-")
                    .append(link.id()).append("\" title=\"").append(Html.escape(link.name())).append("\" src=\"")
                    .append(Html.escape(link.urlFor(ticketId, number, resourceId))).append("\"></iframe>\n</section>\n");
        }
        body.append("</main>\n</body>\n");
        return Html.reply(ENDPOINT, 200, Html.document(number + " - " + Html.text(ticket.get("title")) + " - Autotask",
                CSS, body.toString()));
    }

    private void header(StringBuilder body, ObjectNode resource) {
        body.append("<header class=\"at-header\"><span class=\"brand\">Autotask</span>")
                .append("<span class=\"resource\" id=\"at-resource\" data-resource-id=\"").append(resource.get("id").asLong())
                .append("\">").append(Html.escape(fullName(resource))).append(" &middot; ")
                .append(Html.escape(companyName(0))).append("</span></header>\n");
    }

    private static void field(StringBuilder body, String label, String value) {
        body.append("<dt>").append(label).append("</dt><dd data-field=\"").append(label.toLowerCase(Locale.ROOT)
                .replace(' ', '-')).append("\">").append(Html.escape(value)).append("</dd>\n");
    }

    private String label(String field, ObjectNode ticket) {
        if (!ticket.hasNonNull(field)) {
            return "";
        }
        return db.picklists().find(Schemas.TICKETS, field, ticket.get(field).asLong()).map(PicklistValue::label)
                .orElse(ticket.get(field).asString());
    }

    private String companyName(long companyId) {
        return Optional.ofNullable(companyId < 0 ? null : db.get(Schemas.COMPANIES, companyId))
                .map(row -> row.get(db.schemas().get(Schemas.COMPANIES).require("companyName")))
                .map(Object::toString).orElse("");
    }

    private String resourceName(long resourceId) {
        Row row = resourceId < 0 ? null : db.get(Schemas.RESOURCES, resourceId);
        return row == null ? "" : fullName(db.toJson(db.schemas().get(Schemas.RESOURCES), row, null));
    }

    private static String fullName(ObjectNode resource) {
        return (Html.text(resource.get("firstName")) + " " + Html.text(resource.get("lastName"))).trim();
    }

    private static Reply notice(int status, String title, String message) {
        String body = "<body class=\"at-screen\">\n<header class=\"at-header\"><span class=\"brand\">Autotask</span>"
                + "</header>\n<main class=\"notice\"><section class=\"panel\"><h1>" + Html.escape(title) + "</h1><p>"
                + Html.escape(message) + "</p></section></main>\n</body>\n";
        return Html.reply(ENDPOINT, status, Html.document(title, CSS, body));
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
