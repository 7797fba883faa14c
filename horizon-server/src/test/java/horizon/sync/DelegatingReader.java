package horizon.sync;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.ReaderCapabilities;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The real reader with a test's twist on some answers; counts the calls it passes on. */
class DelegatingReader implements HelpdeskReader {

    private final HelpdeskReader delegate;
    final AtomicLong calls = new AtomicLong();

    DelegatingReader(HelpdeskReader delegate) {
        this.delegate = delegate;
    }

    @Override
    public ReaderCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public IdPage ids(HelpdeskCredentials credentials, RecordQuery query) {
        calls.incrementAndGet();
        return delegate.ids(credentials, query);
    }

    @Override
    public List<PicklistDefinition> picklistDefinitions() {
        return delegate.picklistDefinitions();
    }

    @Override
    public List<DeletionFeed> deletionFeeds() {
        return delegate.deletionFeeds();
    }

    @Override
    public long count(HelpdeskCredentials credentials, RecordQuery query) {
        calls.incrementAndGet();
        return delegate.count(credentials, query);
    }

    @Override
    public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
        calls.incrementAndGet();
        return delegate.page(credentials, query);
    }

    @Override
    public Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber) {
        calls.incrementAndGet();
        return delegate.ticketByNumber(credentials, ticketNumber);
    }

    @Override
    public List<PicklistValue> picklists(HelpdeskCredentials credentials) {
        calls.incrementAndGet();
        return delegate.picklists(credentials);
    }

    @Override
    public DeletionPage deletions(HelpdeskCredentials credentials, DeletionFeed feed, Instant since, long afterLogId) {
        calls.incrementAndGet();
        return delegate.deletions(credentials, feed, since, afterLogId);
    }

    @Override
    public Optional<ApiBudget> budget(HelpdeskCredentials credentials) {
        return delegate.budget(credentials);
    }

    @Override
    public int requestsInLastHour(HelpdeskCredentials credentials) {
        return delegate.requestsInLastHour(credentials);
    }

    @Override
    public long requestsSent(HelpdeskCredentials credentials) {
        return calls.get();
    }
}
