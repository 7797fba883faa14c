package horizon.widget;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.web.PublicUrl;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * How an account embeds its widgets in its PSA, for Helpdesk Widget Status: the widget URLs on Horizon's public
 * address, the origins that may frame them, how agents sign in there, and the PSA's steps with the values to copy
 * (written by the PSA's adapter).
 */
@Service
public class WidgetEmbedding {

    /**
     * One account's embedding.
     *
     * @param calendarUrl        the calendar widget
     * @param ticketUrl          the ticket widget up to its ticket id (the PSA's variable follows)
     * @param frameAncestors     who may frame the widgets: Horizon and the PSA's web origins
     * @param publicUrlConfigured whether HORIZON_PUBLIC_URL is set; without it the URLs name localhost, which no agent's
     *                           browser reaches
     */
    public record Embedding(HelpdeskKind psa, String key, String calendarUrl, String ticketUrl,
                            List<String> frameAncestors, HelpdeskWidgets.SignIn signIn,
                            List<HelpdeskWidgets.EmbedStep> steps, boolean publicUrlConfigured) {
    }

    private final WidgetKeys keys;
    private final WidgetHosts hosts;
    private final PublicUrl publicUrl;

    WidgetEmbedding(WidgetKeys keys, WidgetHosts hosts, PublicUrl publicUrl) {
        this.keys = keys;
        this.hosts = hosts;
        this.publicUrl = publicUrl;
    }

    /** The account's embedding; empty while it has no PSA connection this build can use. */
    public Optional<Embedding> of(long accountId) {
        return hosts.of(accountId).map(host -> {
            String key = keys.keyOf(accountId);
            String base = publicUrl.get() + "/widgets/" + key;
            HelpdeskWidgets.WidgetUrls urls = new HelpdeskWidgets.WidgetUrls(base + "/calendar",
                    base + "/ticket?ticket=", hosts.ownOrigin());
            return new Embedding(host.kind(), key, urls.calendar(), urls.ticketPrefix(),
                    hosts.allowedOrigins(accountId), host.widgets().signIn(), host.widgets().embedSteps(urls),
                    publicUrl.configured());
        });
    }
}
