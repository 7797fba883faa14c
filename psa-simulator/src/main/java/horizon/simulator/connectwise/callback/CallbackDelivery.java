package horizon.simulator.connectwise.callback;

import horizon.simulator.connectwise.store.Actor;
import horizon.simulator.connectwise.store.Change;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.SimClock;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.core.delivery.Dispatcher;
import horizon.simulator.core.delivery.HoldBack;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls back as ConnectWise documents it: one POST per change and matching active callback, to the callback's URL
 * with the record id appended, the record as a JSON string in {@code Entity} (null on delete), signed with
 * {@code x-content-signature} by the key {@code Metadata.key_url} names; a 5 s timeout; on 404, 409, 419 or 429 (and
 * on a timeout or refused connection) two retries, 2 s and then 4 s later; a callback failing for 3 days is switched
 * off ({@code inactiveFlag}). Delays pass through the time scale; the delivery faults apply per event.
 */
public final class CallbackDelivery implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final List<Duration> RETRIES = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4));
    public static final Set<Integer> RETRIED_STATUSES = Set.of(404, 409, 419, 429);
    public static final Duration DISABLED_AFTER = Duration.ofDays(3);

    private static final Logger LOG = Logger.getLogger(CallbackDelivery.class.getName());
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Map<Kind, String> TYPES = Map.of(Kind.TICKETS, "ticket", Kind.COMPANIES, "company",
            Kind.CONTACTS, "contact", Kind.TIME_ENTRIES, "time", Kind.MEMBERS, "member");

    /** What the site says about itself in payloads. */
    public record Site(String companyId, String fromUrl, String keyUrlBase, String partnerId, String productInstanceId) {
    }

    private final CwStore store;
    private final SimClock clock;
    private final DeliveryFaults faults;
    private final SigningKeys keys;
    private final Site site;
    private final Random random;
    private final Dispatcher dispatcher;
    private final HoldBack<Event> holdBack;
    private final Map<Long, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counters = new LinkedHashMap<>();

    /**
     * One payload for one callback, with what its faults decided, the key its {@code key_url} names (and that signs
     * it), and the end of its first attempt (an event held back for reordering goes after it).
     */
    private record Event(long callbackId, String url, byte[] body, DeliveryFaults.Decision fate, SigningKeys.Key key,
                         CompletableFuture<Void> firstAttempt) {
    }

    public CallbackDelivery(CwStore store, SimClock clock, DeliveryFaults faults, SigningKeys keys, Site site, long seed) {
        this.store = store;
        this.clock = clock;
        this.faults = faults;
        this.keys = keys;
        this.site = site;
        this.random = new Random(seed ^ 0xDE11L);
        this.dispatcher = new Dispatcher("connectwise-callback", clock, TIMEOUT);
        this.holdBack = new HoldBack<>(dispatcher::schedule, this);
        for (String name : List.of("delivered", "failedAttempts", "retried", "givenUp", "suppressed", "faultDropped",
                "duplicated", "lateDuplicated", "reordered", "redelivered", "faultFailed", "disabled")) {
            counters.put(name, new AtomicLong());
        }
    }

    /** Called by the store after every change: one event per matching active callback. */
    public void onChange(Change change) {
        String type = TYPES.get(change.kind());
        if (type == null || dispatcher.closed()) {
            return;
        }
        for (ObjectNode callback : store.rows(Kind.CALLBACKS).values()) {
            if (callback.path("inactiveFlag").asBoolean(false) || !type.equals(callback.path("type").asString())
                    || !matchesLevel(callback, change)) {
                continue;
            }
            if (change.skipCallback() || callback.path("isSelfSuppressedFlag").asBoolean(false)
                    && callback.path("memberId").asLong() == change.actor().memberId()) {
                count("suppressed");
                continue;
            }
            queue(callback, change, type);
        }
    }

    private static boolean matchesLevel(ObjectNode callback, Change change) {
        long objectId = callback.path("objectId").asLong();
        return switch (callback.path("level").asString()) {
            case "owner" -> true;
            case "board" -> change.record().path("board").path("id").asLong() == objectId;
            case "status" -> change.record().path("status").path("id").asLong() == objectId;
            case "company" -> change.record().path("company").path("id").asLong() == objectId;
            case "type" -> change.record().path("types").valueStream()
                    .anyMatch(t -> t.path("id").asLong() == objectId);
            default -> false;
        };
    }

    private void queue(ObjectNode callback, Change change, String type) {
        SigningKeys.Key key = keys.current();
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("Action", change.action());
        payload.put("CallbackObjectRecId", callback.get("id").asLong());
        payload.put("CompanyId", site.companyId());
        if (change.action().equals("deleted")) {
            payload.putNull("Entity");
        } else {
            payload.put("Entity", MAPPER.writeValueAsString(change.record()));
        }
        payload.put("FromUrl", site.fromUrl());
        payload.put("ID", change.id());
        payload.put("MemberId", change.actor().identifier());
        byte[] idBytes = new byte[16];
        synchronized (random) {
            random.nextBytes(idBytes);
        }
        payload.put("MessageId", UUID.nameUUIDFromBytes(idBytes).toString());
        payload.putObject("Metadata").put("key_url", site.keyUrlBase() + "?companyName=" + site.companyId()
                + "&id=" + key.id());
        payload.put("PartnerId", site.partnerId());
        payload.put("ProductInstanceId", site.productInstanceId());
        payload.put("Type", type);
        byte[] body = MAPPER.writeValueAsBytes(payload);
        DeliveryFaults.Decision fate = faults.decide();
        if (fate.drop()) {
            count("faultDropped");
            return;
        }
        Event event = new Event(callback.get("id").asLong(), callback.get("url").asString() + change.id(), body, fate,
                key, new CompletableFuture<>());
        synchronized (this) {
            boolean held = holdBack.offer(String.valueOf(event.callbackId()), event, fate.holdBack(), this::send,
                    (waiting, successor) -> successor.firstAttempt().whenComplete((done, error) -> send(waiting)));
            if (held) {
                count("reordered");
            }
        }
        if (fate.lateDuplicate()) {
            count("lateDuplicated");
            schedule(() -> attempt(event, 0, false), faults.lateDuplicateAfter());
        }
    }

    private void send(Event event) {
        schedule(() -> attempt(event, 0, event.fate().redeliver()), faults.delay());
        if (event.fate().duplicate()) {
            count("duplicated");
            schedule(() -> attempt(event, 0, false), faults.delay());
        }
    }

    private void attempt(Event event, int retry, boolean redeliverAfterSuccess) {
        if (dispatcher.closed()) {
            return;
        }
        SigningKeys.Key key = event.key();
        if (faults.takeFailure()) {
            count("faultFailed");
            event.firstAttempt().complete(null);
            failed(event, retry, -1, "fault: the next attempt fails", redeliverAfterSuccess);
            return;
        }
        HttpRequest request;
        try {
            request = dispatcher.post(event.url(), ContentSignature.HEADER,
                    ContentSignature.sign(key.signingKey(), event.body()), event.body());
        } catch (IllegalArgumentException badUrl) {
            event.firstAttempt().complete(null);
            failed(event, RETRIES.size(), -1, "invalid URL " + event.url(), false);
            return;
        }
        dispatcher.send(request).whenComplete((response, error) -> {
            event.firstAttempt().complete(null);
            int status = error == null ? response.statusCode() : -1;
            if (status >= 200 && status < 300) {
                count("delivered");
                failingSince.remove(event.callbackId());
                if (redeliverAfterSuccess) {
                    count("redelivered");
                    schedule(() -> attempt(event, 0, false), Duration.ZERO);
                }
            } else {
                failed(event, retry, status, error == null ? "HTTP " + status : error.toString(), redeliverAfterSuccess);
            }
        });
    }

    private void failed(Event event, int retry, int status, String why, boolean redeliver) {
        count("failedAttempts");
        boolean retried = status < 0 || RETRIED_STATUSES.contains(status);
        if (retried && retry < RETRIES.size()) {
            count("retried");
            schedule(() -> attempt(event, retry + 1, redeliver), clock.scaled(RETRIES.get(retry)));
            return;
        }
        count("givenUp");
        LOG.fine(() -> "callback " + event.callbackId() + " gave up on " + event.url() + ": " + why);
        Instant now = clock.now();
        Instant since = failingSince.computeIfAbsent(event.callbackId(), id -> now);
        if (!now.isBefore(since.plus(clock.scaled(DISABLED_AFTER)))) {
            disable(event.callbackId());
        }
    }

    /**
     * Switches a callback off as ConnectWise does after three days of failed deliveries, now: for tests that cannot
     * wait three (scaled) days without rotating the signing keys faster than a call travels.
     */
    public void disable(long callbackId) {
        store.write(() -> {
            store.get(Kind.CALLBACKS, callbackId).filter(c -> !c.path("inactiveFlag").asBoolean(false)).ifPresent(c -> {
                ObjectNode changed = c.deepCopy();
                changed.put("inactiveFlag", true);
                store.update(Kind.CALLBACKS, changed, new Actor(0, "System"), true);
                count("disabled");
                failingSince.remove(callbackId);
                LOG.info(() -> "callback " + callbackId + " disabled after failing for " + DISABLED_AFTER.toDays() + " days");
            });
            return null;
        });
    }

    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counters.forEach((name, value) -> snapshot.put(name, value.get()));
        return snapshot;
    }

    private void count(String name) {
        counters.get(name).incrementAndGet();
    }

    private void schedule(Runnable task, Duration delay) {
        dispatcher.schedule(task, delay);
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
