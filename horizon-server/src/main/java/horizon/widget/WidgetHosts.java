package horizon.widget;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskZone;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.HelpdeskConnected;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.web.PublicUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which PSA hosts an account's widgets and which origins may frame them: the PSA's web origins as its adapter derives
 * them from the stored connection (never from a request), plus Horizon's own. Read once per
 * {@link WidgetProperties#hostCacheTtl()} per node, and again at once when the account's connection changes here.
 */
@Component
class WidgetHosts {

    private record Cached(Optional<WidgetHost> host, Instant readAt) {
    }

    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final PublicUrl publicUrl;
    private final WidgetProperties properties;
    private final Clock clock;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    WidgetHosts(HelpdeskConnections connections, Helpdesks helpdesks, PublicUrl publicUrl,
                WidgetProperties properties, Clock clock) {
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.publicUrl = publicUrl;
        this.properties = properties;
        this.clock = clock;
    }

    /** The account's PSA for widgets; empty while the account has no connection this build can use. */
    Optional<WidgetHost> of(long accountId) {
        Cached cached = cache.get(accountId);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.readAt().plus(properties.hostCacheTtl()))) {
            return cached.host();
        }
        Optional<WidgetHost> host = read(accountId);
        cache.put(accountId, new Cached(host, now));
        return host;
    }

    /** Horizon's own origin, as browsers see it: {@code horizon.public-url}'s scheme, host and port. */
    String ownOrigin() {
        return origin(URI.create(publicUrl.get()));
    }

    /** The PSA's web origins and Horizon's own: where a widget of the account may be framed and signed in from. */
    List<String> allowedOrigins(long accountId) {
        List<String> allowed = new ArrayList<>(of(accountId).map(WidgetHost::psaOrigins).orElse(List.of()));
        allowed.add(ownOrigin());
        return allowed;
    }

    boolean allows(long accountId, String origin) {
        return origin != null && allowedOrigins(accountId).contains(origin);
    }

    /** The {@code frame-ancestors} sources for the account: {@code 'self'} and the PSA's web origins. */
    String frameAncestors(long accountId) {
        StringBuilder sources = new StringBuilder("'self'");
        of(accountId).ifPresent(host -> host.psaOrigins().forEach(o -> sources.append(' ').append(o)));
        return sources.toString();
    }

    @EventListener
    void connected(HelpdeskConnected event) {
        cache.remove(event.accountId());
    }

    private Optional<WidgetHost> read(long accountId) {
        Optional<HelpdeskKind> kind = connections.kind(accountId).filter(helpdesks::available);
        Optional<HelpdeskZone> zone = connections.zone(accountId);
        if (kind.isEmpty() || zone.isEmpty()) {
            return Optional.empty();
        }
        HelpdeskWidgets widgets = helpdesks.adapter(kind.get()).orElseThrow().widgets();
        return Optional.of(new WidgetHost(accountId, kind.get(), widgets, zone.get(), widgets.webOrigins(zone.get())));
    }

    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = url.getPort() == -1 || (scheme.equals("https") && url.getPort() == 443)
                || (scheme.equals("http") && url.getPort() == 80);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + url.getPort());
    }
}
