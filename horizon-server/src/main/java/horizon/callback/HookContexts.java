package horizon.callback;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.configuration.HelpdeskConnections;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import horizon.helpdesk.configuration.HelpdeskConnected;

/**
 * What the door checks calls against, per account: the PSA connected, its credentials and Horizon's webhooks with
 * their secrets, opened once and kept for a short while so a burst of calls does not open sealed secrets per call. A
 * call the cached view rejects is checked once more against a fresh one (another node may have registered anew).
 */
@Component
class HookContexts {

    static final Duration KEPT_FOR = Duration.ofSeconds(60);

    /** An account's view for the door. */
    record View(HelpdeskKind kind, HookContext context, long loadedAt) {
    }

    private final HelpdeskConnections connections;
    private final WebhookStore store;
    private final Map<Long, View> views = new ConcurrentHashMap<>();

    HookContexts(HelpdeskConnections connections, WebhookStore store) {
        this.connections = connections;
        this.store = store;
    }

    /** The account's view, from the cache when fresh enough; empty when it has no connection. */
    Optional<View> view(long accountId, boolean fresh) {
        View cached = views.get(accountId);
        long now = System.nanoTime();
        if (!fresh && cached != null && now - cached.loadedAt() < KEPT_FOR.toNanos()) {
            return Optional.of(cached);
        }
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        if (kind.isEmpty()) {
            views.remove(accountId);
            return Optional.empty();
        }
        View loaded = new View(kind.get(), new HookContext(connections.credentials(accountId).orElseThrow(),
                store.hooks(accountId)), now);
        views.put(accountId, loaded);
        return Optional.of(loaded);
    }

    /** Drops what this node holds for the account (its webhooks or connection changed here). */
    void forget(long accountId) {
        views.remove(accountId);
    }

    @EventListener
    void connected(HelpdeskConnected event) {
        forget(event.accountId());
    }
}
