package horizon.callback;

import horizon.account.AccountRepository;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.HookState;
import horizon.helpdesk.HookTarget;
import horizon.helpdesk.RegisteredHook;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.web.PublicUrl;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps Horizon's webhooks registered in each account's PSA: registers them after Connect, on Re-register webhooks,
 * and whenever the periodic check or a deactivation notice finds one missing or switched off; removes them when the
 * credentials are replaced by others. The adapter does the PSA's part and makes every run idempotent.
 */
@Component
class WebhookRegistrar {

    static final String HOOK_NAME = "Horizon";
    private static final Logger log = LoggerFactory.getLogger(WebhookRegistrar.class);

    /** What a registration did: the webhooks now registered, or the PSA's failure. */
    record Outcome(List<RegisteredHook> hooks, HelpdeskException failure) {

        boolean ok() {
            return failure == null;
        }
    }

    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final AccountRepository accounts;
    private final WebhookStore store;
    private final PublicUrl publicUrl;
    private final Clock clock;

    WebhookRegistrar(HelpdeskConnections connections, Helpdesks helpdesks, AccountRepository accounts,
                     WebhookStore store, PublicUrl publicUrl, Clock clock) {
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.accounts = accounts;
        this.store = store;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Registers (or repairs) the account's webhooks; empty when the account has no connection. */
    Optional<Outcome> register(long accountId) {
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        HelpdeskCallbacks callbacks = helpdesks.adapter(kind.get()).orElseThrow().callbacks();
        Outcome outcome = store.exclusively(accountId, () -> {
            try {
                HelpdeskCredentials credentials = connections.credentials(accountId).orElseThrow();
                List<RegisteredHook> hooks = callbacks.register(credentials, target(accountId, callbacks),
                        store.hooks(accountId));
                store.registered(accountId, hooks, clock.instant());
                log.info("callback webhooks registered account={} psa={} webhooks={}", accountId, kind.get(),
                        hooks.size());
                return new Outcome(hooks, null);
            } catch (HelpdeskException failure) {
                store.failed(accountId, clock.instant(), failure.title() + ": " + failure.getMessage());
                log.warn("callback webhook registration failed account={} psa={} kind={}: {}", accountId,
                        kind.get(), failure.kind(), failure.getMessage());
                return new Outcome(List.of(), failure);
            }
        });
        return Optional.of(outcome);
    }

    /** Horizon's webhooks as the PSA reports them; empty when the account has no connection. */
    List<HookState> inspect(long accountId) {
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        List<RegisteredHook> hooks = store.hooks(accountId);
        if (kind.isEmpty() || hooks.isEmpty()) {
            return List.of();
        }
        return helpdesks.adapter(kind.get()).orElseThrow().callbacks()
                .inspect(connections.credentials(accountId).orElseThrow(), hooks);
    }

    /**
     * Compares the account's webhooks with what the PSA reports and registers again when one is missing, switched off
     * or not ready, or when none were ever registered.
     *
     * @return whether it registered
     */
    boolean check(long accountId) {
        if (connections.kind(accountId).isEmpty()) {
            return false;
        }
        boolean healthy;
        try {
            List<HookState> states = inspect(accountId);
            healthy = !states.isEmpty() && states.stream().allMatch(HookState::healthy);
        } catch (HelpdeskException failure) {
            log.info("callback webhook check could not read the PSA account={}: {}", accountId, failure.getMessage());
            return false;
        }
        if (healthy) {
            return false;
        }
        log.info("callback webhooks missing or inactive account={}: registering again", accountId);
        register(accountId);
        return true;
    }

    /** Removes the webhooks of credentials no longer used from their PSA, as far as it answers, and forgets them. */
    void unregister(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials) {
        store.exclusively(accountId, () -> {
            removeFromPsa(accountId, kind, credentials);
            return null;
        });
    }

    private void removeFromPsa(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials) {
        List<RegisteredHook> hooks = store.hooks(accountId);
        if (!hooks.isEmpty()) {
            try {
                helpdesks.adapter(kind).orElseThrow().callbacks().unregister(credentials, hooks);
                log.info("callback webhooks removed account={} psa={} webhooks={}", accountId, kind, hooks.size());
            } catch (HelpdeskException failure) {
                log.warn("callback webhooks could not be removed account={} psa={}: {}", accountId, kind,
                        failure.getMessage());
            }
        }
        store.forget(accountId);
    }

    /** Where the account's PSA must call: {@code HORIZON_PUBLIC_URL/hooks/{psa}/{accountKey}}. */
    HookTarget target(long accountId, HelpdeskCallbacks callbacks) {
        String key = accounts.findById(accountId).orElseThrow().accountKey();
        String url = publicUrl.get() + "/hooks/" + callbacks.pathSegment() + "/" + key;
        return new HookTarget(url, url, HOOK_NAME);
    }
}
