package horizon.widget;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskWidgets.EmbedStep;
import horizon.helpdesk.HelpdeskWidgets.WidgetUrls;
import horizon.web.PublicUrl;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The account's widget addresses and the steps to embed them in its PSA, with those addresses filled in: what Widget
 * Status shows an admin to copy. The steps are the adapter's ({@code HelpdeskWidgets.embedSteps}); the addresses are
 * Horizon's public URL and the account's widget key.
 */
@Service
public class WidgetEmbedding {

    /**
     * How the account's widgets are embedded.
     *
     * @param kind   the PSA they live in
     * @param signIn how agents sign in to them there
     * @param key    the account's widget key
     * @param urls   the widgets' full addresses
     * @param steps  what to do in the PSA, with the values to copy
     */
    public record Embedding(HelpdeskKind kind, HelpdeskWidgets.SignIn signIn, String key, WidgetUrls urls,
                            List<EmbedStep> steps) {

        public Embedding {
            steps = List.copyOf(steps);
        }

        /** The calendar widget's path on Horizon's own origin (for a preview framed by Horizon itself). */
        public String calendarPath() {
            return "/widgets/" + key + "/calendar";
        }

        /** The ticket widget's path on Horizon's own origin, showing {@code ticketId}. */
        public String ticketPath(long ticketId) {
            return "/widgets/" + key + "/ticket?ticket=" + ticketId;
        }
    }

    private final WidgetHosts hosts;
    private final WidgetKeys keys;
    private final PublicUrl publicUrl;

    WidgetEmbedding(WidgetHosts hosts, WidgetKeys keys, PublicUrl publicUrl) {
        this.hosts = hosts;
        this.keys = keys;
        this.publicUrl = publicUrl;
    }

    /** The account's embedding; empty while it has no helpdesk connection this build can use. */
    public Optional<Embedding> of(long accountId) {
        return hosts.of(accountId).map(host -> {
            String key = keys.keyOf(accountId);
            String base = publicUrl.get() + "/widgets/" + key;
            WidgetUrls urls = new WidgetUrls(base + "/calendar", base + "/ticket?ticket=", hosts.ownOrigin());
            return new Embedding(host.kind(), host.widgets().signIn(), key, urls, host.widgets().embedSteps(urls));
        });
    }
}
