package horizon.writeback;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWriter;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one claimed action through its PSA's writer and records the end: synced, with the PSA's answer written to
 * the mirror in the same transaction; again later after a failure that may pass (growing pauses); or failed with the
 * PSA's words. A create whose earlier attempt may have reached the PSA is first looked for there, so it is never made
 * twice.
 */
@Component
class ActionSender {

    private static final Logger log = LoggerFactory.getLogger(ActionSender.class);
    /** How far before the first attempt a created record is looked for: the PSA's clock may run behind Horizon's. */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    private final OutboxRepository outbox;
    private final HelpdeskConnections connections;
    private final Helpdesks helpdesks;
    private final MirrorWriter mirror;
    private final WritebackProperties properties;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    ActionSender(OutboxRepository outbox, HelpdeskConnections connections, Helpdesks helpdesks, MirrorWriter mirror,
                 WritebackProperties properties, PlatformTransactionManager transactionManager, MeterRegistry meters,
                 Clock clock) {
        this.outbox = outbox;
        this.connections = connections;
        this.helpdesks = helpdesks;
        this.mirror = mirror;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.clock = clock;
    }

    void send(OutboxAction action, String claim) {
        Optional<HelpdeskCredentials> credentials = connections.credentials(action.accountId());
        Optional<HelpdeskKind> connected = connections.kind(action.accountId());
        if (credentials.isEmpty() || connected.isEmpty() || connected.get() != action.psa()) {
            end(action, claim, new Failure("Not connected", "The account is no longer connected to "
                    + action.psa().displayName() + ". Connect it again on the onboarding page, then retry.", null),
                    false, action.outcomeUnknown());
            return;
        }
        HelpdeskWriter writer = helpdesks.writer(action.psa());
        boolean unknown = action.outcomeUnknown();
        try {
            Optional<HelpdeskRecord> made = Optional.empty();
            Instant askedAt = clock.instant();
            if (unknown && action.write() instanceof HelpdeskWrite.Create create) {
                made = writer.findCreated(credentials.get(), create, action.sentAt().minus(CLOCK_SLACK),
                        outbox.takenResults(action.accountId(), action.ticketId(), action.kind(), action.id()));
                made.ifPresent(found -> log.info("writeback action={} account={} found in the PSA as {}: an earlier "
                        + "attempt had made it", action.id(), action.accountId(), found.externalId()));
            }
            if (made.isEmpty()) {
                if (!outbox.attemptStarts(action.id(), claim, clock.instant())) {
                    log.info("writeback action={} claim lost before sending; another node has it", action.id());
                    return;
                }
                unknown = true;
                askedAt = clock.instant();
                made = Optional.of(writer.send(credentials.get(), action.write()));
            }
            synced(action, claim, made.get(), askedAt);
        } catch (HelpdeskException failure) {
            // A 5xx or a cut-off answer may come after the PSA committed; a refusal (4xx, validation) did not commit.
            boolean mayHaveCommitted = unknown && failure.kind() == HelpdeskException.Kind.TRANSIENT;
            boolean stillUnknown = action.outcomeUnknown() || mayHaveCommitted;
            end(action, claim, Failure.of(failure), failure.retriable(), stillUnknown);
        } catch (RuntimeException failure) {
            log.warn("writeback action={} account={} failed unexpectedly", action.id(), action.accountId(), failure);
            end(action, claim, new Failure("Horizon error", String.valueOf(failure.getMessage()), null), true,
                    true);
        }
    }

    /** @param askedAt when the write (or the look-up that found it) was sent: the PSA's answer is as of then or later */
    private void synced(OutboxAction action, String claim, HelpdeskRecord record, Instant askedAt) {
        Instant now = clock.instant();
        log.info("writeback action={} account={} {} ticket={} synced as record={}", action.id(), action.accountId(),
                action.kind(), action.ticketId(), record.externalId());
        transactions.executeWithoutResult(status -> {
            mirror(action.accountId(), record, askedAt);
            outbox.synced(action.id(), claim, record.externalId(), now);
        });
        meters.counter("horizon.writeback.actions", "kind", action.kind().name().toLowerCase(), "result", "synced")
                .increment();
        Timer.builder("horizon.writeback.latency").description("From an agent's action to the PSA having it")
                .tag("kind", action.kind().name().toLowerCase()).register(meters)
                .record(Duration.between(action.createdAt(), now));
    }

    private void end(OutboxAction action, String claim, Failure failure, boolean retriable, boolean unknown) {
        Instant now = clock.instant();
        boolean givingUp = Duration.between(action.createdAt(), now).compareTo(properties.giveUpAfter()) > 0;
        if (retriable && !givingUp) {
            Duration pause = pause(failures(action), properties.maxPause());
            outbox.retryAt(action.id(), claim, now.plus(pause), failure, unknown);
            log.info("writeback action={} account={} failed after {} send(s) ({}); again in {} ms", action.id(),
                    action.accountId(), action.attempts(), failure.title(), pause.toMillis());
            meters.counter("horizon.writeback.actions", "kind", action.kind().name().toLowerCase(), "result", "retry")
                    .increment();
        } else {
            Failure ended = givingUp ? new Failure(failure.title(), "Gave up after "
                    + properties.giveUpAfter().toMinutes() + " minutes of retrying. " + failure.message(),
                    failure.psaMessage()) : failure;
            outbox.failed(action.id(), claim, ended, unknown, now);
            log.info("writeback action={} account={} failed: {}", action.id(), action.accountId(), ended.title());
            meters.counter("horizon.writeback.actions", "kind", action.kind().name().toLowerCase(), "result", "failed")
                    .increment();
        }
    }

    /** Failed tries so far, sends and look-ups alike: the pause grows with time spent failing. */
    private int failures(OutboxAction action) {
        long seconds = Duration.between(action.createdAt(), clock.instant()).toSeconds();
        return Math.max(action.attempts(), 1 + (int) Math.min(16, 63 - Long.numberOfLeadingZeros(Math.max(1, seconds))));
    }

    /** 0.5 s, 1 s, 2 s … up to {@code max}: a PSA back after a minute gets its queue within seconds. */
    static Duration pause(int attempts, Duration max) {
        Duration pause = Duration.ofMillis(250L << Math.min(Math.max(attempts, 1), 16));
        return pause.compareTo(max) > 0 ? max : pause;
    }

    private void mirror(long accountId, HelpdeskRecord record, Instant askedAt) {
        if (record instanceof HelpdeskTicket ticket) {
            mirror.upsert(accountId, MirroredEntity.TICKETS, List.of(ticket), askedAt);
        } else if (record instanceof HelpdeskNote note) {
            mirror.upsert(accountId, MirroredEntity.TICKET_NOTES, List.of(note), askedAt);
        } else if (record instanceof HelpdeskTimeEntry entry) {
            mirror.upsert(accountId, MirroredEntity.TIME_ENTRIES, List.of(entry), askedAt);
        } else {
            throw new IllegalStateException("a write answered with a " + record.getClass().getSimpleName());
        }
    }
}
