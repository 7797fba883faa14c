package horizon.callback;

import horizon.helpdesk.DeliveryFailure;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.HookState;
import horizon.helpdesk.configuration.ConnectionFailure;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.sync.SyncActivity;
import horizon.sync.SyncRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Judges an account's real-time delivery for Callback Status and its API: the webhooks as the PSA reports them, what
 * arrived and what became of it, the polling fallback, and green / amber / red by the rules in {@link #RULES}.
 */
@Component
public class CallbackStatus {

    /** Changes a poll may find in an hour, that callbacks should have brought, before the status turns red. */
    static final int RED_AT_POLLED_CHANGES = 5;
    /** How old the oldest waiting call may be before the status turns amber. */
    static final Duration LAG_LIMIT = Duration.ofMinutes(1);

    /** The rules, as the page writes them. */
    public static final List<String> RULES = List.of(
            "Red: the helpdesk connection is failing (the PSA refused the credentials or a right), so nothing is "
                    + "fetched for the callbacks that arrive; or one of Horizon's webhooks is missing, switched off or not ready in the PSA; or the last "
                    + "registration failed; or polling found " + RED_AT_POLLED_CHANGES + " or more changes in the "
                    + "last hour that no callback had brought in.",
            "Amber: polling found 1 to " + (RED_AT_POLLED_CHANGES - 1) + " such changes in the last hour; or calls "
                    + "were rejected or failed in the last hour; or the oldest call waiting to be processed is older "
                    + "than " + LAG_LIMIT.toMinutes() + " minute.",
            "Green: none of the above.");

    /**
     * Everything the page shows.
     *
     * @param hooks          the webhooks as the PSA reports them (empty when it could not be read: see hooksError)
     * @param polledChanges  changes polling found in the last hour (since the last registration, when later) in the
     *                       entities callbacks announce
     * @param buckets        the last 24 hours in 10-minute buckets
     * @param connectionFailure why the connection stopped, null while it works
     */
    public record View(HelpdeskKind kind, CallbackHealth health, List<String> reasons, String hookUrl,
                       WebhookRegistration registration, List<HookState> hooks, String hooksError,
                       List<DeliveryFailure> deliveryFailures, Instant lastCallback, long receivedLastHour,
                       long rejectedLastHour, long failedLastHour, long queued, Duration oldestQueued,
                       Duration pollingInterval, SyncRun lastPoll, long polledChanges,
                       List<CallbackBucket> buckets, ConnectionFailure connectionFailure) {
    }

    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final WebhookRegistrar registrar;
    private final WebhookStore store;
    private final InboxRepository inbox;
    private final SyncActivity activity;
    private final Clock clock;

    CallbackStatus(HelpdeskConnections connections, Helpdesks helpdesks, WebhookRegistrar registrar,
                   WebhookStore store, InboxRepository inbox, SyncActivity activity, Clock clock) {
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.registrar = registrar;
        this.store = store;
        this.inbox = inbox;
        this.activity = activity;
        this.clock = clock;
    }

    public View of(long accountId) {
        Instant now = clock.instant();
        Optional<HelpdeskKind> kind = connections.kind(accountId);
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Map<InboxState, Long> lastHour = inbox.countsSince(accountId, hourAgo);
        long received = lastHour.values().stream().mapToLong(Long::longValue).sum();
        long rejected = lastHour.getOrDefault(InboxState.REJECTED, 0L);
        long failed = lastHour.getOrDefault(InboxState.FAILED, 0L);
        long queued = inbox.count(accountId, new InboxRepository.Filter(InboxState.QUEUED, null, null, null, null,
                null));
        Duration oldest = inbox.oldestQueued(accountId).map(at -> Duration.between(at, now)).orElse(null);
        List<CallbackBucket> buckets = inbox.buckets(accountId, now.minus(Duration.ofHours(24)), now);
        Instant lastCallback = inbox.lastAccepted(accountId).orElse(null);
        if (kind.isEmpty()) {
            return new View(null, CallbackHealth.NONE, List.of("No helpdesk is connected."), null, null, List.of(),
                    null, List.of(), lastCallback, received, rejected, failed, queued, oldest, null, null, 0, buckets,
                    null);
        }
        var callbacks = helpdesks.adapter(kind.get()).orElseThrow().callbacks();
        Optional<WebhookRegistration> registration = store.registration(accountId);
        List<HookState> hooks = List.of();
        String hooksError = null;
        List<DeliveryFailure> failures = List.of();
        Optional<ConnectionFailure> stopped = connections.stopped(accountId);
        if (stopped.isEmpty()) {
            try {
                hooks = registrar.inspect(accountId);
                failures = callbacks.deliveryFailures(connections.credentials(accountId).orElseThrow(),
                        store.hooks(accountId), now.minus(Duration.ofHours(24)));
            } catch (HelpdeskException failure) {
                hooksError = failure.title() + ": " + failure.getMessage();
            }
        }
        Instant since = registration.map(WebhookRegistration::registeredAt)
                .filter(at -> at.isAfter(hourAgo)).orElse(hourAgo);
        long polled = activity.changesFoundByPolling(accountId, since, callbacks.announced());
        List<String> reasons = new ArrayList<>();
        stopped.ifPresent(failure -> reasons.add(failure.summary()));
        CallbackHealth health = judge(registration.orElse(null), hooks, hooksError, polled, rejected, failed, oldest,
                reasons);
        if (stopped.isPresent()) {
            health = CallbackHealth.RED;
        }
        return new View(kind.get(), health, reasons, registrar.target(accountId, callbacks).url(),
                registration.orElse(null), hooks, hooksError, failures, lastCallback, received, rejected, failed,
                queued, oldest, Duration.ofSeconds(connections.settings(accountId).pollingIntervalSeconds()),
                activity.lastPoll(accountId).orElse(null), polled, buckets, stopped.orElse(null));
    }

    /** The rules of {@link #RULES}; {@code reasons} gets every one that fired. */
    static CallbackHealth judge(WebhookRegistration registration, List<HookState> hooks, String hooksError,
                                long polledChanges, long rejected, long failed, Duration oldestQueued,
                                List<String> reasons) {
        boolean red = false;
        if (registration == null) {
            red = true;
            reasons.add("Horizon's webhooks have not been registered yet.");
        } else if (!registration.succeeded()) {
            red = true;
            reasons.add("The last registration failed: " + registration.error());
        }
        for (HookState hook : hooks) {
            if (!hook.healthy()) {
                red = true;
                reasons.add("Webhook " + hook.name() + " is " + (!hook.present() ? "missing from the PSA"
                        : !hook.active() ? "switched off" : "not ready") + ".");
            }
        }
        if (polledChanges >= RED_AT_POLLED_CHANGES) {
            red = true;
            reasons.add("Polling found " + polledChanges + " changes in the last hour that no callback brought in.");
        }
        boolean amber = false;
        if (hooksError != null) {
            amber = true;
            reasons.add("The PSA could not be asked about the webhooks: " + hooksError);
        }
        if (polledChanges > 0 && polledChanges < RED_AT_POLLED_CHANGES) {
            amber = true;
            reasons.add("Polling found " + polledChanges + " change" + (polledChanges == 1 ? "" : "s")
                    + " in the last hour that no callback brought in.");
        }
        if (rejected > 0) {
            amber = true;
            reasons.add(rejected + " call" + (rejected == 1 ? " was" : "s were") + " rejected in the last hour.");
        }
        if (failed > 0) {
            amber = true;
            reasons.add(failed + " call" + (failed == 1 ? "" : "s") + " failed processing in the last hour.");
        }
        if (oldestQueued != null && oldestQueued.compareTo(LAG_LIMIT) > 0) {
            amber = true;
            reasons.add("The oldest waiting call arrived " + oldestQueued.toSeconds() + " s ago.");
        }
        return red ? CallbackHealth.RED : amber ? CallbackHealth.AMBER : CallbackHealth.GREEN;
    }
}
