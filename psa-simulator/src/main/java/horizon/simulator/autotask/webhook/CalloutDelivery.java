package horizon.simulator.autotask.webhook;

import horizon.simulator.core.SimClock;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.core.delivery.Dispatcher;
import horizon.simulator.core.delivery.HoldBack;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers callouts as Autotask documents it: one FIFO queue per webhook worked by one attempt at a time (a failing
 * head blocks the events behind it), a 10 s timeout, a retry 30 s after a failure, the event dropped into
 * WebhookEventErrorLogs after 5 attempts, and the webhook deactivated after 25 consecutive failed attempts. Delays pass
 * through the simulator's time scale.
 * <p>
 * All bookkeeping happens under the registry's lock so that firing (which assigns sequence numbers and enqueues) and
 * delivery never see each other half done; HTTP calls run outside it.
 */
final class CalloutDelivery implements AutoCloseable {
    static final int ATTEMPTS_PER_EVENT = 5;
    static final int FAILURES_BEFORE_DEACTIVATION = 25;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(CalloutDelivery.class.getName());

    private final SimClock clock;
    private final WebhookRegistry registry;
    private final DeliveryFaults faults;
    private final HoldBack<Callout> holdBack;
    private final PayloadVariants variants;
    private final Dispatcher dispatcher;
    private final Map<String, Outbox> outboxes = new HashMap<>();
    private final Map<String, AtomicLong> counters = new LinkedHashMap<>();

    CalloutDelivery(SimClock clock, WebhookRegistry registry, DeliveryFaults faults, PayloadVariants variants) {
        this.clock = clock;
        this.variants = variants;
        this.registry = registry;
        this.faults = faults;
        this.dispatcher = new Dispatcher("autotask-webhook", clock, TIMEOUT);
        this.holdBack = new HoldBack<>(dispatcher::schedule, registry);
        for (String name : List.of("delivered", "failedAttempts", "dropped", "faultDropped", "duplicated",
                "lateDuplicated", "reordered", "redelivered", "faultFailed", "discarded", "deactivated", "deactivationNotices")) {
            counters.put(name, new AtomicLong());
        }
    }

    /** The next SequenceNumber of this webhook. Caller holds the registry lock. */
    long nextSequence(Webhook webhook) {
        return outbox(webhook).lastSequence += 1;
    }

    /**
     * Queues one event behind the webhook's earlier ones, applying the delivery faults drawn for it. Caller holds the
     * lock.
     */
    void enqueue(Webhook webhook, Callout callout) {
        if (dispatcher.closed()) {
            return;
        }
        DeliveryFaults.Decision fate = faults.decide();
        if (fate.drop()) {
            count("faultDropped");
            LOG.fine(() -> "fault: dropped " + webhook.family().entityType() + " webhook " + webhook.id() + " event "
                    + callout.sequenceNumber());
            return;
        }
        Outbox outbox = outbox(webhook);
        if (fate.redeliver()) {
            outbox.redeliverAfterSuccess.add(callout);
        }
        if (fate.duplicate()) {
            outbox.duplicateWhenQueued.add(callout);
        }
        // the outbox is FIFO: a held event appended after its successor arrives after it
        java.util.function.Consumer<Callout> append = queued -> {
            outbox.waiting.addLast(queued);
            if (outbox.duplicateWhenQueued.remove(queued)) {
                outbox.waiting.addLast(queued);
                count("duplicated");
            }
            pump(outbox);
        };
        boolean held = holdBack.offer(key(webhook), callout, fate.holdBack(), append,
                (waiting, successor) -> append.accept(waiting));
        if (held) {
            count("reordered");
        }
        if (fate.lateDuplicate()) {
            schedule(() -> {
                synchronized (registry) {
                    if (!outbox.gone) {
                        outbox.waiting.addLast(new Callout(callout.sequenceNumber(), callout.body()));
                        count("lateDuplicated");
                        pump(outbox);
                    }
                }
            }, faults.lateDuplicateAfter());
        }
    }

    /** Forgets a deleted webhook's queue. Caller holds the lock. */
    void forget(Webhook webhook) {
        Outbox outbox = outboxes.remove(key(webhook));
        if (outbox != null) {
            counters.get("discarded").addAndGet(outbox.waiting.size());
            outbox.waiting.clear();
            outbox.gone = true;
        }
    }

    /** A webhook switched back on starts counting failures afresh and sends what is still queued. */
    void reactivated(Webhook webhook) {
        Outbox outbox = outbox(webhook);
        outbox.consecutiveFailures = 0;
        pump(outbox);
    }

    /**
     * Calls the webhook's DeactivationUrl once, signed like a callout. The format is undocumented; the simulator sends
     * {@code {"Action":"Deactivated","Guid":…,"Id":webhook id,"EventTime":…,"SequenceNumber":…}}, which is what
     * n8n's trigger expects on its Deactivated branch.
     */
    void sendDeactivationNotice(Webhook webhook) {
        String url = variants.deactivationOnWebhookUrl() ? webhook.webhookUrl() : webhook.deactivationUrl();
        if (dispatcher.closed() || url == null) {
            return;
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("Action", "Deactivated");
        payload.put("Guid", webhook.guid());
        payload.put("Id", webhook.id());
        payload.put("EventTime", EventTimes.format(clock.now()));
        payload.put("SequenceNumber", nextSequence(webhook));
        byte[] body = DotNetJson.write(payload);
        try {
            dispatcher.send(request(url, webhook.secretKey(), body)).whenComplete((response, error) -> {
                        if (error == null) {
                            count("deactivationNotices");
                        }
                        LOG.info(() -> "deactivation notice for " + webhook.family().entityType() + " webhook "
                                + webhook.id() + ": " + (error == null ? "HTTP " + response.statusCode()
                                : describe(error)));
                    });
        } catch (IllegalArgumentException badUrl) {
            LOG.info(() -> "deactivation URL of " + webhook.family().entityType() + " webhook " + webhook.id()
                    + " is not usable: " + badUrl.getMessage());
        }
    }

    Map<String, Long> counters() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counters.forEach((name, value) -> snapshot.put(name, value.get()));
        synchronized (registry) {
            snapshot.put("pending", outboxes.values().stream().mapToLong(outbox -> outbox.waiting.size()).sum());
        }
        return snapshot;
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    private void pump(Outbox outbox) {
        if (dispatcher.closed() || outbox.sending || outbox.gone || outbox.waiting.isEmpty()) {
            return;
        }
        outbox.sending = true;
        Callout head = outbox.waiting.peekFirst();
        Duration delay = outbox.headAttempts == 0 ? faults.delay() : Duration.ZERO;
        schedule(() -> attempt(outbox, head), delay);
    }

    private void attempt(Outbox outbox, Callout head) {
        Webhook webhook;
        synchronized (registry) {
            webhook = registry.webhook(outbox.family, outbox.webhookId).orElse(null);
            if (outbox.gone || webhook == null || !webhook.active()) {
                // an inactive webhook keeps its queue; reactivation resumes it
                outbox.sending = false;
                return;
            }
        }
        if (faults.takeFailure()) {
            count("faultFailed");
            execute(() -> completed(outbox, head, -1, "The operation has timed out."));
            return;
        }
        HttpRequest request;
        try {
            request = request(webhook.webhookUrl(), webhook.secretKey(), head.body());
        } catch (IllegalArgumentException badUrl) {
            completed(outbox, head, -1, "Invalid URI: " + badUrl.getMessage());
            return;
        }
        dispatcher.send(request).whenComplete((response, error) -> {
            int status = error == null ? response.statusCode() : -1;
            String message = error == null ? httpError(status) : describe(error);
            execute(() -> completed(outbox, head, status, message));
        });
    }

    private void completed(Outbox outbox, Callout head, int status, String errorMessage) {
        Webhook deactivate = null;
        synchronized (registry) {
            if (outbox.gone) {
                return;
            }
            if (status >= 200 && status < 300) {
                count("delivered");
                outbox.consecutiveFailures = 0;
                outbox.headAttempts = 0;
                outbox.waiting.remove(head);
                if (outbox.redeliverAfterSuccess.remove(head)) {
                    outbox.waiting.addLast(new Callout(head.sequenceNumber(), head.body()));
                    count("redelivered");
                }
                outbox.sending = false;
                pump(outbox);
                return;
            }
            count("failedAttempts");
            outbox.headAttempts++;
            outbox.consecutiveFailures++;
            LOG.fine(() -> "attempt " + outbox.headAttempts + " of " + outbox.family.entityType() + " webhook "
                    + outbox.webhookId + " event " + head.sequenceNumber() + " failed: " + errorMessage);
            boolean droppedHead = outbox.headAttempts >= ATTEMPTS_PER_EVENT;
            if (droppedHead) {
                outbox.waiting.remove(head);
                outbox.headAttempts = 0;
                count("dropped");
                registry.addErrorLog(outbox.family, outbox.webhookId, clock.now(), errorMessage, head.bodyText(),
                        head.sequenceNumber());
                LOG.info(() -> outbox.family.entityType() + " webhook " + outbox.webhookId + " event "
                        + head.sequenceNumber() + " dropped after " + ATTEMPTS_PER_EVENT + " attempts: "
                        + errorMessage);
            }
            Webhook webhook = registry.webhook(outbox.family, outbox.webhookId).orElse(null);
            if (webhook != null && webhook.active() && outbox.consecutiveFailures >= FAILURES_BEFORE_DEACTIVATION) {
                deactivate = webhook.withActive(false);
                registry.replaceWebhook(deactivate);
                count("deactivated");
                outbox.sending = false;
                outbox.headAttempts = 0;
                Webhook gone = deactivate;
                LOG.info(() -> gone.family().entityType() + " webhook " + gone.id() + " deactivated after "
                        + FAILURES_BEFORE_DEACTIVATION + " consecutive failed deliveries");
            } else if (droppedHead) {
                outbox.sending = false;
                pump(outbox);
            } else {
                schedule(() -> attempt(outbox, head), clock.scaled(RETRY_AFTER));
            }
            if (deactivate != null) {
                sendDeactivationNotice(deactivate);
            }
        }
    }

    private HttpRequest request(String url, String secretKey, byte[] body) {
        return dispatcher.post(url, HookSignature.HEADER, HookSignature.sign(secretKey, body), body);
    }

    private Outbox outbox(Webhook webhook) {
        return outboxes.computeIfAbsent(key(webhook), k -> new Outbox(webhook.family(), webhook.id()));
    }

    private void count(String name) {
        counters.get(name).incrementAndGet();
    }

    private void schedule(Runnable task, Duration delay) {
        dispatcher.schedule(task, delay);
    }

    private void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    /** Error texts as a .NET client reports them, so the error log reads like Autotask's. */
    private static String httpError(int status) {
        return "The remote server returned an error: (" + status + ").";
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "The operation has timed out.";
        }
        if (cause instanceof ConnectException) {
            return "Unable to connect to the remote server";
        }
        LOG.log(Level.FINE, "callout failed", cause);
        return "An error occurred while sending the request: " + cause.getClass().getSimpleName();
    }

    private static String key(Webhook webhook) {
        return webhook.family() + ":" + webhook.id();
    }

    /** One webhook's queue and delivery state, guarded by the registry's lock. */
    private static final class Outbox {
        private final WebhookFamily family;
        private final long webhookId;
        private final ArrayDeque<Callout> waiting = new ArrayDeque<>();
        private final Set<Callout> redeliverAfterSuccess = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Callout> duplicateWhenQueued = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean sending;
        private boolean gone;
        private int headAttempts;
        private int consecutiveFailures;
        private long lastSequence;

        private Outbox(WebhookFamily family, long webhookId) {
            this.family = family;
            this.webhookId = webhookId;
        }
    }
}
