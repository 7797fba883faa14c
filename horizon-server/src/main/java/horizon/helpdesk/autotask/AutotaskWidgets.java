package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskZone;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Horizon's widgets in Autotask. Autotask hands an embedded page no identity, so agents sign in with Horizon's popup.
 * The calendar goes in an HTML dashboard widget (an iframe in the widget's HTML), the ticket widget in a LiveLink whose
 * URL carries the ticket and resource variables Autotask substitutes. Autotask's pages live on the zone's web host
 * ({@code webUrl} of zoneInformation, e.g. {@code https://ww14.autotask.net/}).
 *
 * <p>Our reading, not Autotask's documentation: the LiveLink variable names {@code [TicketID]} and
 * {@code [ResourceID]} (Autotask's designer lists the real ones), and the ticket link through Autotask Extend's
 * {@code ExecuteCommand.aspx?Code=OpenTicketDetail}.
 */
@Component
class AutotaskWidgets implements HelpdeskWidgets {

    static final String TICKET_VARIABLE = "[TicketID]";
    static final String RESOURCE_VARIABLE = "[ResourceID]";

    @Override
    public SignIn signIn() {
        return SignIn.POPUP;
    }

    @Override
    public List<String> webOrigins(HelpdeskZone zone) {
        return List.of(origin(URI.create(zone.webUrl())));
    }

    @Override
    public URI ticketLink(HelpdeskZone zone, long ticketId) {
        String web = zone.webUrl().endsWith("/") ? zone.webUrl() : zone.webUrl() + "/";
        return URI.create(web + "Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID="
                + ticketId);
    }

    /** Autotask passes no member identity to an embedded page. */
    @Override
    public long confirmMember(HelpdeskCredentials credentials, Map<String, String> handedOver) {
        throw new UnsupportedOperationException("Autotask hands embedded pages no member identity; agents sign in "
                + "with Horizon's popup");
    }

    @Override
    public Optional<String> namedMember(Map<String, String> handedOver) {
        return Optional.empty();
    }

    @Override
    public List<EmbedStep> embedSteps(WidgetUrls urls) {
        String iframe = "<iframe src=\"" + urls.calendar() + "\" title=\"Horizon calendar\" "
                + "style=\"width:100%;height:520px;border:0\"></iframe>";
        return List.of(
                new EmbedStep("Calendar: HTML dashboard widget",
                        "In Autotask, open Home › Dashboards, choose the tab for the calendar, click Add Widget and "
                                + "pick the HTML widget. Paste the HTML below as its content and save. The widget shows "
                                + "each agent their own calendar, today first. On a shared dashboard tab Autotask "
                                + "shows HTML widgets only after an administrator turns on \"Allow HTML widgets on "
                                + "shared dashboard tabs\" (Admin › Site Setup; off by default).",
                        List.of(new EmbedStep.Field("HTML", iframe))),
                new EmbedStep("Ticket widget: LiveLink",
                        "In Autotask, open Admin › Extensions & Integrations › LiveLinks Designer and add a LiveLink "
                                + "on the Ticket entity with the URL below, then publish it to the agents' security "
                                + "levels. Autotask replaces " + TICKET_VARIABLE + " and " + RESOURCE_VARIABLE
                                + " with the open ticket and the agent; check that the designer's variable list spells "
                                + "them this way. The ticket id is only a hint: Horizon shows a ticket only when it "
                                + "belongs to your account.",
                        List.of(new EmbedStep.Field("Name", "Horizon"),
                                new EmbedStep.Field("URL", urls.ticket(TICKET_VARIABLE) + "&resource="
                                        + RESOURCE_VARIABLE))),
                new EmbedStep("Signing in",
                        "Autotask tells an embedded page nothing about who is signed in, so the first time an agent "
                                + "opens a widget it asks them to sign in to Horizon: a Horizon window opens, they sign "
                                + "in as usual, and the widget stays signed in on that browser. The browser must allow "
                                + "pop-ups from Horizon's address below.",
                        List.of(new EmbedStep.Field("Horizon address", urls.horizonOrigin()))));
    }

    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean defaultPort = url.getPort() == -1 || (scheme.equals("https") && url.getPort() == 443)
                || (scheme.equals("http") && url.getPort() == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + url.getPort());
    }
}
