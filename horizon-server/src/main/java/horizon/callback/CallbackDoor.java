package horizon.callback;

import horizon.account.Account;
import horizon.account.AccountRepository;
import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.InboundCall;
import horizon.helpdesk.InboundVerdict;
import horizon.helpdesk.SignatureVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The door of {@code /hooks/{psa}/{accountKey}}: finds the account, checks the call with the account's adapter, writes
 * one inbox row per announced change (or one rejected row), and answers. Nothing else happens on the request
 * thread; the processor reads the PSA later.
 */
@Component
class CallbackDoor {

    /** How long a request waits for its row to be committed before answering 503 (the PSA delivers again). */
    static final Duration WRITE_DEADLINE = Duration.ofSeconds(5);
    /** The most of a rejected oversized body the log keeps. */
    static final int KEPT_OF_OVERSIZED = 4096;
    private static final Logger log = LoggerFactory.getLogger(CallbackDoor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The answer to the PSA. */
    record Answer(int status, String message, Duration retryAfter) {

        static Answer of(int status, String message) {
            return new Answer(status, message, null);
        }
    }

    private final AccountRepository accounts;
    private final Helpdesks helpdesks;
    private final HookContexts contexts;
    private final IngressLimiter limiter;
    private final InboxWriter writer;
    private final CallbackProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Long> accountsByKey = new java.util.concurrent.ConcurrentHashMap<>();

    CallbackDoor(AccountRepository accounts, Helpdesks helpdesks, HookContexts contexts, IngressLimiter limiter,
                 InboxWriter writer, CallbackProperties properties, MeterRegistry meters, Clock clock) {
        this.accounts = accounts;
        this.helpdesks = helpdesks;
        this.contexts = contexts;
        this.limiter = limiter;
        this.writer = writer;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * @param body      the raw body, at most {@code maxBodyBytes + 1} bytes read
     * @param truncated whether the body was longer than {@code maxBodyBytes}
     */
    Answer receive(String psa, String accountKey, byte[] body, boolean truncated, Map<String, String> headers,
                   Map<String, String> query) {
        if (!writer.isRunning()) {
            // Starting or stopping: answer at once, touching nothing; the PSA delivers again.
            count(psa, "unavailable");
            return new Answer(503, "Try again shortly.", Duration.ofSeconds(5));
        }
        Instant receivedAt = clock.instant();
        Optional<Long> account = accountId(accountKey);
        if (account.isEmpty()) {
            // No account to log it under: counted and logged here only, never stored.
            count(psa, "unknown-key");
            log.info("callback rejected: unknown account key psa={} bytes={}", psa, body.length);
            return Answer.of(404, "Unknown webhook address.");
        }
        long accountId = account.get();
        InboundCall call = new InboundCall(body, headers, query);
        Optional<HookContexts.View> view = contexts.view(accountId, false);
        Optional<HelpdeskCallbacks> callbacks = view.flatMap(v -> helpdesks.adapter(v.kind())).map(a -> a.callbacks());
        if (callbacks.isEmpty() || !callbacks.get().pathSegment().equals(psa)) {
            String why = view.isEmpty() ? "The account has no helpdesk connection."
                    : "The account is connected to " + view.get().kind().displayName() + ", not to \"" + psa + "\".";
            return reject(accountId, psa, receivedAt, call, SignatureVerdict.NOT_CHECKED, 404, why, null);
        }
        if (truncated) {
            return reject(accountId, psa, receivedAt, call, SignatureVerdict.NOT_CHECKED, 413,
                    "The body is larger than " + properties.maxBodyBytes() + " bytes; only its first "
                            + KEPT_OF_OVERSIZED + " bytes are kept here.", null);
        }
        Optional<Duration> wait = limiter.take(accountId);
        if (wait.isPresent()) {
            Duration retryAfter = Duration.ofSeconds(Math.max(1, (wait.get().toMillis() + 999) / 1000));
            Answer answer = reject(accountId, psa, receivedAt, call, SignatureVerdict.NOT_CHECKED, 429,
                    "Over the account's limit of " + properties.ingressPerSecond() + " calls a second.", null);
            return new Answer(answer.status(), answer.message(), retryAfter);
        }
        InboundVerdict verdict = check(callbacks.get(), call, view.get().context());
        if (verdict instanceof InboundVerdict.Rejected rejected && rejected.status() == 401) {
            // Secrets or webhooks may have changed on another node since this one cached them.
            Optional<HookContexts.View> fresh = contexts.view(accountId, true);
            if (fresh.isPresent()) {
                verdict = check(callbacks.get(), call, fresh.get().context());
            }
        }
        if (verdict instanceof InboundVerdict.Rejected rejected) {
            return reject(accountId, psa, receivedAt, call, rejected.signature(), rejected.status(), rejected.reason(),
                    rejected.notice());
        }
        InboundVerdict.Accepted accepted = (InboundVerdict.Accepted) verdict;
        List<InboxRow> rows = new ArrayList<>();
        String payload = text(call.body(), false);
        String headerText = headers(call);
        for (CallbackNotice notice : accepted.notices()) {
            boolean mirrored = notice.entity() != null || notice.action() == CallbackNotice.Action.DEACTIVATED;
            rows.add(new InboxRow(accountId, receivedAt, psa, notice, accepted.signature(), 200,
                    mirrored ? InboxState.QUEUED : InboxState.IGNORED,
                    mirrored ? null : "Horizon does not mirror " + notice.type() + " records.", payload, headerText));
        }
        if (rows.isEmpty()) {
            rows.add(new InboxRow(accountId, receivedAt, psa, null, accepted.signature(), 200, InboxState.IGNORED,
                    "The call announced nothing.", payload, headerText));
        }
        try {
            writer.write(rows, WRITE_DEADLINE);
        } catch (IllegalStateException unavailable) {
            count(psa, "unavailable");
            log.warn("callback not stored account={} psa={}: {}", accountId, psa, unavailable.getMessage());
            return new Answer(503, "Try again shortly.", Duration.ofSeconds(5));
        }
        count(psa, "accepted");
        return Answer.of(200, "OK");
    }

    /**
     * Runs a logged call through the door again, as if the PSA had sent it now: checked against the account's current
     * webhooks, then queued. Its rows say which call they replay.
     *
     * @return the answer the call gets now
     */
    Answer replay(long accountId, LoggedCall call) {
        Optional<HookContexts.View> view = contexts.view(accountId, true);
        Optional<HelpdeskCallbacks> callbacks = view.flatMap(v -> helpdesks.adapter(v.kind())).map(a -> a.callbacks());
        if (callbacks.isEmpty()) {
            return Answer.of(409, "The account has no helpdesk connection.");
        }
        Map<String, String> headers = JSON.readValue(call.headers(),
                new tools.jackson.core.type.TypeReference<TreeMap<String, String>>() { });
        InboundCall inbound = new InboundCall(call.payload().getBytes(StandardCharsets.UTF_8), headers,
                Map.of());
        InboundVerdict verdict = check(callbacks.get(), inbound, view.get().context());
        String replay = "Replay of call #" + call.id() + ".";
        Instant now = clock.instant();
        List<InboxRow> rows = new ArrayList<>();
        if (verdict instanceof InboundVerdict.Rejected rejected) {
            rows.add(new InboxRow(accountId, now, call.psa(), rejected.notice(), rejected.signature(),
                    rejected.status(), InboxState.REJECTED, replay + " " + rejected.reason(), call.payload(),
                    call.headers()));
        } else {
            InboundVerdict.Accepted accepted = (InboundVerdict.Accepted) verdict;
            for (CallbackNotice notice : accepted.notices()) {
                boolean mirrored = notice.entity() != null || notice.action() == CallbackNotice.Action.DEACTIVATED;
                rows.add(new InboxRow(accountId, now, call.psa(), notice, accepted.signature(), 200,
                        mirrored ? InboxState.QUEUED : InboxState.IGNORED,
                        mirrored ? replay : replay + " Horizon does not mirror " + notice.type() + " records.",
                        call.payload(), call.headers()));
            }
        }
        if (rows.isEmpty()) {
            return Answer.of(200, replay + " It announced nothing.");
        }
        writer.write(rows, WRITE_DEADLINE);
        InboxRow first = rows.get(0);
        return Answer.of(first.httpStatus(), first.state() == InboxState.REJECTED ? first.reason() : replay);
    }

    /**
     * The adapter's verdict, and one check of the pipeline's own: a call naming a webhook must name one of this
     * account's (a genuine call of another account, sent to this account's address, is refused even where the PSA
     * signs every tenant's calls alike).
     */
    private static InboundVerdict check(HelpdeskCallbacks callbacks, InboundCall call, HookContext context) {
        InboundVerdict verdict = callbacks.receive(call, context);
        if (verdict instanceof InboundVerdict.Accepted accepted) {
            for (CallbackNotice notice : accepted.notices()) {
                if (notice.hookReference() != null && context.hookByReference(notice.hookReference()).isEmpty()) {
                    return new InboundVerdict.Rejected(accepted.signature(), 401, "The call names webhook "
                            + notice.hookReference() + ", which is not one of Horizon's webhooks in this account.",
                            notice);
                }
            }
        }
        return verdict;
    }

    /**
     * The account a hook URL's key names. Keys never change and accounts are not removed, so a key once found is kept
     * (unknown keys are not: a stranger's guesses must not grow the map); a call costs no query for it.
     */
    private Optional<Long> accountId(String accountKey) {
        Long known = accountsByKey.get(accountKey);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Long> found = accounts.findByKey(accountKey).map(Account::id);
        found.ifPresent(id -> accountsByKey.put(accountKey, id));
        return found;
    }

    private Answer reject(long accountId, String psa, Instant receivedAt, InboundCall call, SignatureVerdict signature,
                          int status, String reason, CallbackNotice notice) {
        count(psa, "rejected-" + status);
        log.info("callback rejected account={} psa={} status={}: {}", accountId, psa, status, reason);
        InboxRow row = new InboxRow(accountId, receivedAt, psa, notice, signature, status, InboxState.REJECTED, reason,
                text(call.body(), status == 413), headers(call));
        try {
            writer.write(List.of(row), WRITE_DEADLINE);
        } catch (IllegalStateException unavailable) {
            log.warn("rejected callback not logged account={}: {}", accountId, unavailable.getMessage());
        }
        return Answer.of(status, reason);
    }

    private void count(String psa, String result) {
        meters.counter("horizon.callbacks.received", "psa", psa, "result", result).increment();
    }

    private static String text(byte[] body, boolean clipped) {
        int length = clipped ? Math.min(body.length, KEPT_OF_OVERSIZED) : body.length;
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    /** The headers worth keeping in the log, as a JSON object. */
    private static String headers(InboundCall call) {
        Map<String, String> kept = new TreeMap<>();
        call.headers().forEach((name, value) -> {
            if (!name.equals("cookie") && !name.equals("authorization")) {
                kept.put(name, value.length() > 500 ? value.substring(0, 500) : value);
            }
        });
        return JSON.writeValueAsString(kept);
    }
}
