package horizon.sync;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.ReaderCapabilities;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PSA's reader as the sync engine uses it: a read that failed transiently (a timeout, a body cut off, a 5xx, a
 * refused connection) is asked again, twice, after a short pause, before the failure stands and the run fails. A read
 * gives the same answer twice, so asking again is safe; every attempt passes the adapter's rate gate again. Other
 * failures (credentials, permissions, a rate limit the gate already waited out) fail at once.
 */
final class RetryingReads implements HelpdeskReader {

    static final int RETRIES = 2;
    private static final Logger log = LoggerFactory.getLogger(RetryingReads.class);

    /** How the engine pauses between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HelpdeskReader reader;
    private final Duration backoff;
    private final Pause pause;

    RetryingReads(HelpdeskReader reader, Duration backoff, Pause pause) {
        this.reader = reader;
        this.backoff = backoff;
        this.pause = pause;
    }

    static RetryingReads around(HelpdeskReader reader) {
        return new RetryingReads(reader, Duration.ofMillis(500), d -> Thread.sleep(d.toMillis()));
    }

    private <T> T read(String what, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (HelpdeskException failure) {
                if (failure.kind() != HelpdeskException.Kind.TRANSIENT || attempt >= RETRIES) {
                    throw failure;
                }
                Duration wait = backoff.multipliedBy(attempt + 1L);
                log.info("sync read {} failed transiently ({}); asking again in {} ms", what, failure.title(),
                        wait.toMillis());
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    @Override
    public ReaderCapabilities capabilities() {
        return reader.capabilities();
    }

    @Override
    public long count(HelpdeskCredentials credentials, RecordQuery query) {
        return read("count " + query.entity(), () -> reader.count(credentials, query));
    }

    @Override
    public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
        return read("page " + query.entity(), () -> reader.page(credentials, query));
    }

    @Override
    public IdPage ids(HelpdeskCredentials credentials, RecordQuery query) {
        return read("ids " + query.entity(), () -> reader.ids(credentials, query));
    }

    @Override
    public Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber) {
        return read("ticket by number", () -> reader.ticketByNumber(credentials, ticketNumber));
    }

    @Override
    public List<PicklistDefinition> picklistDefinitions() {
        return reader.picklistDefinitions();
    }

    @Override
    public List<PicklistValue> picklists(HelpdeskCredentials credentials) {
        return read("picklists", () -> reader.picklists(credentials));
    }

    @Override
    public List<DeletionFeed> deletionFeeds() {
        return reader.deletionFeeds();
    }

    @Override
    public DeletionPage deletions(HelpdeskCredentials credentials, DeletionFeed feed, Instant since, long afterLogId) {
        return read("deletions " + feed.name(), () -> reader.deletions(credentials, feed, since, afterLogId));
    }

    @Override
    public Optional<ApiBudget> budget(HelpdeskCredentials credentials) {
        return reader.budget(credentials);
    }

    @Override
    public int requestsInLastHour(HelpdeskCredentials credentials) {
        return reader.requestsInLastHour(credentials);
    }

    @Override
    public long requestsSent(HelpdeskCredentials credentials) {
        return reader.requestsSent(credentials);
    }
}
