package horizon.callback;

import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.sync.RefreshingRecords;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works the inbox on this node: claims queued rows in batches (several nodes share the queue), coalesces them per
 * account and record, has the PSA's current versions read and written through the guarded upsert
 * ({@link RefreshingRecords}), and ends every row with what became of its record. A failure that may pass puts the
 * rows back with a growing pause; one that will not, or too many attempts, ends them failed with the PSA's words.
 */
@Component
class InboxProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final InboxRepository inbox;
    private final InboxSignal signal;
    private final RefreshingRecords refreshing;
    private final WebhookRegistrar registrar;
    private final CallbackProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean enabled;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final AccountBuckets perTicketReads;
    private final Pacing pacing;
    /** Passes in a row whose calls came at {@code burstRate} or faster: 0 outside a burst. */
    private volatile int burstPasses;
    /** When the previous claim was made (empty or not), on this node. */
    private Instant lastClaim;
    private volatile boolean running;
    private volatile Thread thread;

    InboxProcessor(InboxRepository inbox, InboxSignal signal, RefreshingRecords refreshing,
                   WebhookRegistrar registrar, CallbackProperties properties, MeterRegistry meters, Clock clock,
                   @Value("${horizon.callbacks.processing:true}") boolean enabled) {
        this.inbox = inbox;
        this.signal = signal;
        this.refreshing = refreshing;
        this.registrar = registrar;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.enabled = enabled;
        this.pacing = new Pacing(properties);
        this.perTicketReads = new AccountBuckets(properties.perTicketReadsPerMinute() / 60.0,
                Math.max(1, properties.perTicketReadsPerMinute() / 6));
        Gauge.builder("horizon.callbacks.inbox.depth", inbox, InboxRepository::depth)
                .description("Callbacks waiting to be processed, all accounts").register(meters);
        Gauge.builder("horizon.callbacks.lag.seconds", inbox, repo -> repo.oldestQueued()
                        .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest callback waiting to be processed").register(meters);
    }

    /** Claims and processes one batch; returns how many rows it took (0 when none were due). */
    int processOnce() {
        Instant now = clock.instant();
        Instant previous = lastClaim;
        lastClaim = now;
        List<InboxRepository.Claimed> batch = inbox.claim(node, now, now.plus(properties.claimLease()),
                properties.batchSize());
        burstPasses = pacing.claimed(batch.size(), previous == null ? null : Duration.between(previous, now))
                ? burstPasses + 1 : 0;
        if (batch.isEmpty()) {
            return 0;
        }
        Map<Long, List<InboxRepository.Claimed>> byAccount = batch.stream()
                .collect(Collectors.groupingBy(InboxRepository.Claimed::accountId, LinkedHashMap::new,
                        Collectors.toList()));
        byAccount.forEach(this::processAccount);
        return batch.size();
    }

    private void processAccount(long accountId, List<InboxRepository.Claimed> rows) {
        List<InboxRepository.Finished> finished = new ArrayList<>();
        List<InboxRepository.Claimed> records = new ArrayList<>();
        List<InboxRepository.Claimed> deactivations = new ArrayList<>();
        for (InboxRepository.Claimed row : rows) {
            if (row.action() == CallbackNotice.Action.DEACTIVATED) {
                deactivations.add(row);
            } else if (row.entity() == null || row.externalId() == null) {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.IGNORED, null,
                        "Horizon does not mirror " + row.recordType() + " records."));
            } else {
                records.add(row);
            }
        }
        if (!deactivations.isEmpty()) {
            finished.addAll(reregister(accountId, deactivations));
        }
        if (!records.isEmpty()) {
            try {
                finished.addAll(refresh(accountId, records));
            } catch (HelpdeskException failure) {
                failed(records, failure.retriable(), failure.title() + ": " + failure.getMessage(), finished);
            } catch (RuntimeException failure) {
                log.warn("callback processing failed account={} rows={}", accountId, records.size(), failure);
                failed(records, !(failure instanceof IllegalStateException), failure.getMessage(), finished);
            }
        }
        Instant now = clock.instant();
        inbox.finish(finished, now);
        for (InboxRepository.Finished row : finished) {
            meters.counter("horizon.callbacks.processed", "result",
                    row.outcome() != null ? row.outcome().name().toLowerCase() : row.state().name().toLowerCase())
                    .increment();
        }
    }

    private List<InboxRepository.Finished> refresh(long accountId, List<InboxRepository.Claimed> rows) {
        // Per record, the latest change time announced; unknown (null) when any notice lacks one or is a deletion,
        // so the record is read whatever the mirror holds.
        Map<HelpdeskEntity, Map<Long, Instant>> announced = new EnumMap<>(HelpdeskEntity.class);
        Set<String> timeless = new java.util.HashSet<>();
        Map<String, Integer> notices = new LinkedHashMap<>();
        for (InboxRepository.Claimed row : rows) {
            String key = row.entity() + ":" + row.externalId();
            Map<Long, Instant> ids = announced.computeIfAbsent(row.entity(), e -> new java.util.TreeMap<>());
            if (row.occurredAt() == null || row.action() == CallbackNotice.Action.DELETED) {
                timeless.add(key);
            }
            Instant earlier = ids.get(row.externalId());
            ids.put(row.externalId(), timeless.contains(key) ? null
                    : earlier == null || row.occurredAt().isAfter(earlier) ? row.occurredAt() : earlier);
            notices.merge(key, 1, Integer::sum);
        }
        // During a burst, the children of updated tickets wait for the poll: a burst of changes to hundreds of tickets
        // would otherwise cost a request per ticket (ConnectWise notes) or one per pass (Autotask time entries).
        boolean burst = burstPasses > 0;
        RefreshingRecords.Result result = refreshing.refresh(accountId, announced,
                burst ? 0 : perTicketReads.available(accountId), burst);
        perTicketReads.spend(accountId, result.perTicketReads());
        log.debug("callbacks processed account={} rows={} records={} requests={}", accountId, rows.size(),
                notices.size(), result.requests());
        List<InboxRepository.Finished> finished = new ArrayList<>();
        for (InboxRepository.Claimed row : rows) {
            RefreshingRecords.Refreshed refreshed = result.records().getOrDefault(row.entity(), Map.of())
                    .get(row.externalId());
            int together = notices.get(row.entity() + ":" + row.externalId());
            String note = together > 1 ? "Read once for " + together + " calls about this record." : null;
            if (refreshed == null) {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.PROCESSED, InboxOutcome.UNCHANGED,
                        note));
            } else if (refreshed.outcome() == null) {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.IGNORED, null, refreshed.note()));
            } else {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.PROCESSED,
                        InboxOutcome.of(refreshed.outcome()), refreshed.note() != null ? refreshed.note() : note));
            }
        }
        return finished;
    }

    private List<InboxRepository.Finished> reregister(long accountId, List<InboxRepository.Claimed> rows) {
        var outcome = registrar.register(accountId);
        List<InboxRepository.Finished> finished = new ArrayList<>();
        for (InboxRepository.Claimed row : rows) {
            if (outcome.isPresent() && outcome.get().ok()) {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.PROCESSED, InboxOutcome.REREGISTERED,
                        "The PSA switched a webhook off; Horizon registered its webhooks again."));
            } else {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.FAILED, null,
                        "The PSA switched a webhook off and registering again failed: " + outcome
                                .map(o -> o.failure().getMessage()).orElse("the account has no connection")));
            }
        }
        return finished;
    }

    /** Rows whose refresh failed: back in the queue with a growing pause, or failed for good. */
    private void failed(List<InboxRepository.Claimed> rows, boolean retriable, String reason,
                        List<InboxRepository.Finished> finished) {
        List<Long> again = new ArrayList<>();
        int attempts = 0;
        for (InboxRepository.Claimed row : rows) {
            if (retriable && row.attempts() + 1 < properties.maxAttempts()) {
                again.add(row.id());
                attempts = Math.max(attempts, row.attempts() + 1);
            } else {
                finished.add(new InboxRepository.Finished(row.id(), InboxState.FAILED, null,
                        (retriable ? "Gave up after " + (row.attempts() + 1) + " attempts. " : "") + reason));
            }
        }
        if (!again.isEmpty()) {
            inbox.retry(again, clock.instant().plus(pause(attempts)), "Attempt " + attempts + " failed: " + reason);
        }
    }

    /** 2 s, 4 s, 8 s … up to 5 minutes. */
    static Duration pause(int attempts) {
        Duration pause = Duration.ofSeconds(1L << Math.min(attempts, 10));
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }

    private void run() {
        while (running) {
            try {
                boolean woken = signal.await(properties.idle());
                if (!running) {
                    return;
                }
                Duration gather = pacing.gather(burstPasses);
                if ((woken || burstPasses > 0) && !gather.isZero()) {
                    Thread.sleep(gather.toMillis());
                }
                while (running && processOnce() >= properties.batchSize()) {
                    // A full batch: more are likely waiting.
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                log.warn("callback processor pass failed: {}", failure.getMessage(), failure);
            }
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        Thread processor = new Thread(this::run, "callback-processor");
        processor.setDaemon(true);
        thread = processor;
        processor.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread processor = thread;
        if (processor != null) {
            // Never interrupted: an interrupt inside a JDBC call can close the embedded store's file. It ends its pass.
            signal.queued();
            try {
                processor.join(10_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
