package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskZone;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Horizon's widgets in ConnectWise PSA: the ticket widget as a Manage Hosted API pod on the Service Tickets screen
 * ({@code [cw_id]} in its URL), the calendar as a Custom Menu Entry. Manage hands a pod the signed-in member through
 * its postMessage flow ({@code ready} → {@code onLoad} → {@code getMemberAuthentication}); Horizon's server confirms
 * that member with ConnectWise before anything is shown.
 *
 * <p>ConnectWise documents only that {@code memberHash} "can be used to confirm the currently logged in member with the
 * ConnectWise API". Our reading, not ConnectWise's documentation: the confirming call is {@code GET system/myAccount}
 * with the API member's usual authentication plus {@code x-cw-usertype: member} and {@code x-cw-memberhash}; the
 * ticket link is Manage's service ticket screen {@code services/system_io/Service/fv_sr100_request.rails}; a cloud
 * site's pages are served from its web name ({@code na.myconnectwise.net} for {@code api-na.myconnectwise.net}).
 */
@Component
class ConnectWiseWidgets implements HelpdeskWidgets {

    static final String TICKET_VARIABLE = "[cw_id]";
    static final String MEMBER_HASH = "memberHash";
    static final String MEMBER_ID = "memberid";
    static final String COMPANY_ID = "companyid";

    private static final Logger log = LoggerFactory.getLogger(ConnectWiseWidgets.class);
    /** Visible ASCII only: the hash travels in a header. */
    private static final Pattern HASH = Pattern.compile("[\\x21-\\x7E]{1,1024}");

    private final ConnectWiseApi api;

    ConnectWiseWidgets(ConnectWiseApi api) {
        this.api = api;
    }

    @Override
    public SignIn signIn() {
        return SignIn.PSA_MEMBER;
    }

    @Override
    public List<String> webOrigins(HelpdeskZone zone) {
        return List.of(webOrigin(URI.create(zone.webUrl())));
    }

    @Override
    public URI ticketLink(HelpdeskZone zone, long ticketId) {
        return URI.create(webOrigin(URI.create(zone.webUrl())) + "/" + codebase(zone)
                + "services/system_io/Service/fv_sr100_request.rails?service_recid=" + ticketId);
    }

    /**
     * Asks ConnectWise whose {@code memberHash} this is ({@code system/myAccount}, one request through the rate gate)
     * and accepts only the member the page named, of the connected company, and active.
     */
    @Override
    public long confirmMember(HelpdeskCredentials credentials, Map<String, String> handedOver) {
        String hash = handedOver.getOrDefault(MEMBER_HASH, "");
        String memberId = handedOver.getOrDefault(MEMBER_ID, "").strip();
        String companyId = handedOver.getOrDefault(COMPANY_ID, "").strip();
        if (!HASH.matcher(hash).matches() || memberId.isEmpty()) {
            throw refused("ConnectWise's page handed over no usable member identity.");
        }
        if (!companyId.equalsIgnoreCase(credentials.value(ConnectWiseApi.COMPANY_ID))) {
            throw refused("The member signed in to ConnectWise belongs to another company than the one Horizon is "
                    + "connected to.");
        }
        JsonNode account;
        try {
            account = api.get(credentials, "system/myAccount", Map.of(),
                    Map.of("x-cw-usertype", "member", "x-cw-memberhash", hash));
        } catch (HelpdeskException failure) {
            if (failure.httpStatus() == 401 && !"clientId rejected".equals(failure.title())) {
                throw refused("ConnectWise did not confirm the member: the hash is unknown or expired. Reload the "
                        + "ConnectWise screen to sign in again.");
            }
            throw failure;
        }
        long id = account.path("id").asLong(0);
        String identifier = account.path("identifier").asString("");
        if (id <= 0 || !identifier.equalsIgnoreCase(memberId)) {
            log.info("connectwise member confirmation named another member than the page handed over");
            throw refused("ConnectWise confirmed another member than the page named.");
        }
        if (account.path("inactiveFlag").asBoolean(false)) {
            throw refused("The ConnectWise member " + identifier + " is inactive.");
        }
        return id;
    }

    @Override
    public Optional<String> namedMember(Map<String, String> handedOver) {
        String memberId = handedOver.getOrDefault(MEMBER_ID, "").strip();
        return memberId.isEmpty() ? Optional.empty() : Optional.of(memberId);
    }

    @Override
    public List<EmbedStep> embedSteps(WidgetUrls urls) {
        return List.of(
                new EmbedStep("Ticket widget: Manage Hosted API pod",
                        "In ConnectWise PSA, open System › Setup Tables › Manage Hosted API and add a record: Screen "
                                + "Service Tickets, shown as a Pod, with the URL and Origin below (ConnectWise "
                                + "replaces " + TICKET_VARIABLE + " with the open ticket's id). Each agent then "
                                + "turns the pod on under Pod Configuration on a service ticket. ConnectWise hands the "
                                + "pod the signed-in member, and Horizon confirms that member with ConnectWise before "
                                + "it shows anything.",
                        List.of(new EmbedStep.Field("Description", "Horizon"),
                                new EmbedStep.Field("Screen", "Service Tickets"),
                                new EmbedStep.Field("URL", urls.ticket(TICKET_VARIABLE)),
                                new EmbedStep.Field("Origin", urls.horizonOrigin()),
                                new EmbedStep.Field("Pod height", "520"))),
                new EmbedStep("Calendar: Custom Menu Entry",
                        "In ConnectWise PSA, add a Custom Menu Entry (System › Setup Tables › Manage Hosted API, "
                                + "shown as a Custom Menu Entry) with the URL and Origin below; it opens each agent's "
                                + "own calendar, today first, as a screen of its own.",
                        List.of(new EmbedStep.Field("Description", "Horizon calendar"),
                                new EmbedStep.Field("URL", urls.calendar()),
                                new EmbedStep.Field("Origin", urls.horizonOrigin()))),
                new EmbedStep("Origin",
                        "The Origin field must be exactly Horizon's address: ConnectWise talks to the pod only there, "
                                + "and Horizon answers only ConnectWise's own pages. Where ConnectWise hands over no "
                                + "member (some desktop clients), the widget offers Horizon's sign-in window instead.",
                        List.of(new EmbedStep.Field("Origin", urls.horizonOrigin()))));
    }

    private static HelpdeskException refused(String message) {
        return HelpdeskException.answered(Kind.AUTHENTICATION, message, 401, null, List.of())
                .titled("Member not confirmed");
    }

    /**
     * The origin Manage's pages are served from: the site's own host, or for a cloud site its web name (the API host
     * without {@code api-}).
     */
    static String webOrigin(URI site) {
        String scheme = site.getScheme().toLowerCase(Locale.ROOT);
        String apiHost = site.getHost().toLowerCase(Locale.ROOT);
        boolean cloud = ConnectWiseSite.CHOICES.stream().anyMatch(c -> c.value().equals(apiHost));
        String host = cloud && apiHost.startsWith("api-") ? apiHost.substring("api-".length()) : apiHost;
        boolean defaultPort = site.getPort() == -1 || (scheme.equals("https") && site.getPort() == 443)
                || (scheme.equals("http") && site.getPort() == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + site.getPort());
    }

    /** The codebase path of the zone's API URL, e.g. {@code v4_6_release/}; Manage's pages live under it too. */
    private static String codebase(HelpdeskZone zone) {
        String path = URI.create(zone.apiUrl()).getPath();
        int apis = path.indexOf("apis/3.0");
        String codebase = apis > 0 ? path.substring(1, apis) : "v4_6_release/";
        return codebase.isEmpty() ? "v4_6_release/" : codebase;
    }
}
