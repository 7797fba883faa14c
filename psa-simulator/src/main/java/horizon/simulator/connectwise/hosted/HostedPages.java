package horizon.simulator.connectwise.hosted;

import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.http.Incoming;
import horizon.simulator.core.http.Reply;
import horizon.simulator.core.web.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The screens of the simulated Manage that frame integrations through the Manage Hosted API, served by the site
 * itself (its origin is the PSA's web origin):
 * <ul>
 *   <li>{@code GET /hosted/tickets/{ticketId}?member={identifier}}: the Service Tickets screen, a ticket summary and
 *   one pod per {@code ServiceTicket} setup record;</li>
 *   <li>{@code GET /hosted/tickets/{ticketId}/summary?member=}: the summary alone, which the screen reloads on
 *   {@code refreshScreen};</li>
 *   <li>{@code GET /hosted/menu/{setupId}?member=}: a Custom Menu Entry framing that {@code CustomMenu} record.</li>
 * </ul>
 * {@code member} names who is logged in to Manage (the simulator's shortcut for a login): an unknown member answers a
 * 404 page, an inactive or API member a 403 page (neither can log in). Every screen mints a fresh memberHash for the
 * member and runs the host side of the pod protocol ({@code host.js}). Pages are not touched by the API's faults,
 * rate limit or authentication: they stand for Manage's web UI, not its API.
 */
public final class HostedPages {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ENDPOINT = "hosted";
    private static final String HOST_SCRIPT = Html.resource(HostedPages.class, "host.js");
    private static final String CSS = Html.resource(HostedPages.class, "screen.css");

    private final CwStore store;
    private final HostedApiSetups setups;
    private final MemberHashes hashes;
    private final String companyId;
    private final String companyName;
    private final String siteHost;

    /**
     * @param siteHost the site's host and port as Manage names it ({@code SiteUrl} of company info), sent as
     *                 {@code site} in the member authentication
     */
    public HostedPages(CwStore store, HostedApiSetups setups, MemberHashes hashes, String companyId, String companyName,
                       String siteHost) {
        this.store = store;
        this.setups = setups;
        this.hashes = hashes;
        this.companyId = companyId;
        this.companyName = companyName;
        this.siteHost = siteHost;
    }

    /** The path of a ticket's Service Tickets screen for a member, relative to the site. */
    public static String ticketPath(long ticketId, String memberIdentifier) {
        return "hosted/tickets/" + ticketId + "?member=" + URLEncoder.encode(memberIdentifier, StandardCharsets.UTF_8);
    }

    /** The path of a Custom Menu Entry's screen for a member, relative to the site. */
    public static String menuPath(long setupId, String memberIdentifier) {
        return "hosted/menu/" + setupId + "?member=" + URLEncoder.encode(memberIdentifier, StandardCharsets.UTF_8);
    }

    /** Whether a request's path is one of these screens' ({@code /hosted/...}). */
    public static boolean handles(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equalsIgnoreCase("hosted");
    }

    public Reply serve(Incoming request) {
        List<String> path = request.segments();
        if (!request.method().equals("GET")) {
            return notice(405, "Method not allowed", "The screen answers GET only.").withHeader("Allow", "GET");
        }
        boolean tickets = path.size() >= 3 && path.get(1).equalsIgnoreCase("tickets");
        boolean summary = tickets && path.size() == 4 && path.get(3).equalsIgnoreCase("summary");
        boolean menu = path.size() == 3 && path.get(1).equalsIgnoreCase("menu");
        if (!(tickets && (path.size() == 3 || summary) || menu)) {
            return notice(404, "Page not found", "There is no such screen.");
        }
        Long id = number(path.get(2));
        String identifier = request.query().get("member");
        if (identifier == null || identifier.isBlank()) {
            return notice(400, "Who is logged in?", "Name the logged-in member with ?member={member identifier}.");
        }
        Optional<ObjectNode> member = memberByIdentifier(identifier.trim());
        if (member.isEmpty()) {
            return notice(404, "Member not found", "There is no member \u201c" + identifier.trim() + "\u201d.");
        }
        if (member.get().path("inactiveFlag").asBoolean(false) || Html.text(member.get().get("licenseClass")).equals("A")) {
            return notice(403, "Cannot log in", "The member \u201c" + member.get().get("identifier").asString()
                    + "\u201d is inactive or an API member and cannot log in to Manage.");
        }
        if (menu) {
            Optional<HostedApiSetup> setup = id == null ? Optional.empty() : setups.get(id)
                    .filter(s -> s.screen() == HostedApiSetup.Screen.CUSTOM_MENU);
            return setup.map(s -> menuScreen(s, member.get()))
                    .orElseGet(() -> notice(404, "Menu entry not found", "There is no Custom Menu Entry " + path.get(2) + "."));
        }
        Optional<ObjectNode> ticket = id == null ? Optional.empty() : store.get(Kind.TICKETS, id);
        if (ticket.isEmpty()) {
            return notice(404, "Ticket not found", "Service ticket #" + path.get(2) + " does not exist.");
        }
        if (summary) {
            return Html.reply(ENDPOINT, 200, summary(ticket.get()));
        }
        return ticketScreen(ticket.get(), member.get());
    }

    private Reply ticketScreen(ObjectNode ticket, ObjectNode member) {
        long ticketId = ticket.get("id").asLong();
        List<HostedApiSetup> pods = setups.on(HostedApiSetup.Screen.SERVICE_TICKET);
        StringBuilder body = new StringBuilder();
        body.append("<body class=\"cw-screen\" data-screen=\"ticket\" data-ticket-id=\"").append(ticketId).append("\">\n");
        header(body, member);
        body.append("<nav class=\"crumbs\">Service Desk &rsaquo; Service Tickets &rsaquo; #").append(ticketId).append("</nav>\n");
        body.append("<main>\n<section class=\"panel summary\" id=\"ticket-summary\" data-refreshes=\"0\">\n")
                .append(summary(ticket)).append("</section>\n");
        if (pods.isEmpty()) {
            body.append("<section class=\"panel\"><p class=\"empty\">No Manage Hosted API pods are set up for the "
                    + "Service Tickets screen.</p></section>\n");
        }
        for (HostedApiSetup pod : pods) {
            body.append("<section class=\"panel pod-panel\" data-setup-id=\"").append(pod.id()).append("\">\n<h2>")
                    .append(Html.escape(pod.description())).append("</h2>\n");
            frame(body, pod, pod.frameUrl(ticketId));
            body.append("</section>\n");
        }
        ObjectNode onLoad = NODES.objectNode().put("screen", "ticket").put("id", ticketId).put("hostedAs", "pod");
        finish(body, member, pods, onLoad, "/" + ENDPOINT + "/tickets/" + ticketId + "/summary?member="
                + URLEncoder.encode(member.get("identifier").asString(), StandardCharsets.UTF_8));
        return Html.reply(ENDPOINT, 200, Html.document("Service Ticket #" + ticketId + " - "
                + Html.text(ticket.get("summary")), CSS, body.toString()));
    }

    private Reply menuScreen(HostedApiSetup setup, ObjectNode member) {
        StringBuilder body = new StringBuilder();
        body.append("<body class=\"cw-screen\" data-screen=\"menu\" data-setup-id=\"").append(setup.id()).append("\">\n");
        header(body, member);
        body.append("<nav class=\"crumbs\">Custom Menu &rsaquo; ").append(Html.escape(setup.description())).append("</nav>\n");
        body.append("<main>\n<h1>").append(Html.escape(setup.description())).append("</h1>\n");
        body.append("<section class=\"panel pod-panel\" data-setup-id=\"").append(setup.id()).append("\">\n");
        frame(body, setup, setup.frameUrl(null));
        body.append("</section>\n");
        ObjectNode onLoad = NODES.objectNode().put("screen", "menu").put("hostedAs", "menu");
        finish(body, member, List.of(setup), onLoad, null);
        return Html.reply(ENDPOINT, 200, Html.document(setup.description(), CSS, body.toString()));
    }

    private void header(StringBuilder body, ObjectNode member) {
        String identifier = member.get("identifier").asString();
        body.append("<header class=\"cw-header\"><span class=\"brand\">ConnectWise PSA</span>")
                .append("<span class=\"member\" id=\"cw-member\" data-member-identifier=\"").append(Html.escape(identifier))
                .append("\">").append(Html.escape(fullName(member))).append(" (").append(Html.escape(identifier))
                .append(") &middot; ").append(Html.escape(companyName)).append("</span></header>\n");
    }

    private static void frame(StringBuilder body, HostedApiSetup setup, String src) {
        body.append("<iframe class=\"pod\" id=\"").append(Html.escape(setup.frameId())).append("\" name=\"")
                .append(Html.escape(setup.frameId())).append("\" title=\"").append(Html.escape(setup.description()))
                .append("\" src=\"").append(Html.escape(src)).append("\" style=\"height:").append(setup.podHeight())
                .append("px\" data-origin=\"").append(Html.escape(setup.origin())).append("\"></iframe>\n");
    }

    /** The message log, the screen's configuration (with a freshly minted memberHash) and the host script. */
    private void finish(StringBuilder body, ObjectNode member, List<HostedApiSetup> frames, ObjectNode onLoad,
                        String summaryUrl) {
        body.append("<section class=\"panel host-log\"><h2>Hosted API messages (simulator)</h2>")
                .append("<ol id=\"hosted-api-log\"></ol></section>\n</main>\n");
        ObjectNode config = NODES.objectNode();
        config.set("onLoad", onLoad);
        config.set("member", memberAuthentication(member));
        ArrayNode list = config.putArray("frames");
        frames.forEach(f -> list.addObject().put("frameId", f.frameId()).put("origin", f.origin()).put("setupId", f.id()));
        if (summaryUrl == null) {
            config.putNull("summaryUrl");
        } else {
            config.put("summaryUrl", summaryUrl);
        }
        body.append("<script type=\"application/json\" id=\"cw-hosted-config\">").append(Html.scriptJson(config))
                .append("</script>\n<script>\n").append(HOST_SCRIPT).append("</script>\n</body>\n");
    }

    /** {@code getMemberAuthentication}'s data: a hash minted now for this page load. */
    private ObjectNode memberAuthentication(ObjectNode member) {
        MemberHashes.MemberHash hash = hashes.mint(member.get("id").asLong());
        ObjectNode data = NODES.objectNode();
        data.put("site", siteHost);
        data.put("companyid", companyId);
        data.put("memberid", hash.memberIdentifier());
        data.put("memberHash", hash.value());
        data.put("memberContext", UUID.randomUUID().toString());
        data.put("memberEmail", Html.text(member.get("primaryEmail")));
        return data;
    }

    /** The ticket's number and summary and its main fields, escaped: the part of the screen refreshScreen reloads. */
    private static String summary(ObjectNode ticket) {
        StringBuilder sb = new StringBuilder();
        sb.append("<h1 id=\"ticket-title\">Service Ticket #").append(ticket.get("id").asLong()).append(" &ndash; ")
                .append(Html.escape(Html.text(ticket.get("summary")))).append("</h1>\n<dl class=\"fields\">\n");
        field(sb, "Company", name(ticket.get("company")));
        field(sb, "Contact", Html.text(ticket.get("contactName")));
        field(sb, "Board", name(ticket.get("board")));
        field(sb, "Status", name(ticket.get("status")));
        field(sb, "Priority", name(ticket.get("priority")));
        field(sb, "Owner", name(ticket.get("owner")));
        field(sb, "Last updated", Html.text(ticket.path("_info").get("lastUpdated")));
        sb.append("</dl>\n");
        return sb.toString();
    }

    private static void field(StringBuilder sb, String label, String value) {
        sb.append("<dt>").append(label).append("</dt><dd data-field=\"").append(label.toLowerCase(Locale.ROOT)
                .replace(' ', '-')).append("\">").append(Html.escape(value)).append("</dd>\n");
    }

    private static String name(JsonNode reference) {
        if (reference == null || reference.isNull()) {
            return "";
        }
        String name = Html.text(reference.get("name"));
        return name.isEmpty() ? Html.text(reference.get("identifier")) : name;
    }

    private static String fullName(ObjectNode member) {
        return (Html.text(member.get("firstName")) + " " + Html.text(member.get("lastName"))).trim();
    }

    private Optional<ObjectNode> memberByIdentifier(String identifier) {
        return store.rows(Kind.MEMBERS).values().stream()
                .filter(m -> Html.text(m.get("identifier")).equalsIgnoreCase(identifier)).findFirst();
    }

    private static Reply notice(int status, String title, String message) {
        String body = "<body class=\"cw-screen\">\n<header class=\"cw-header\"><span class=\"brand\">ConnectWise PSA"
                + "</span></header>\n<main class=\"notice\"><section class=\"panel\"><h1>" + Html.escape(title)
                + "</h1><p>" + Html.escape(message) + "</p></section></main>\n</body>\n";
        return Html.reply(ENDPOINT, status, Html.document(title, CSS, body));
    }

    private static Long number(String segment) {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
