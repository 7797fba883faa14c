package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryingReadsTest {

    private static final HelpdeskCredentials CREDENTIALS = HelpdeskCredentials.of(Map.of("key", "value"));

    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void aTransientFailureIsAskedAgainAfterAGrowingPause() {
        Scripted psa = new Scripted(transientFailure(), transientFailure(), null);
        RecordPage<HelpdeskRecord> page = reads(psa).page(CREDENTIALS, RecordQuery.all(HelpdeskEntity.TICKETS));
        assertThat(page.complete()).isTrue();
        assertThat(psa.calls).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aThirdTransientFailureStands() {
        Scripted psa = new Scripted(transientFailure(), transientFailure(), transientFailure(), null);
        HelpdeskException failure = catchThrowableOfType(HelpdeskException.class,
                () -> reads(psa).count(CREDENTIALS, RecordQuery.all(HelpdeskEntity.TICKETS)));
        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(psa.calls).isEqualTo(1 + RetryingReads.RETRIES);
    }

    @Test
    void permanentFailuresAndRateLimitsFailAtOnce() {
        for (Kind kind : List.of(Kind.AUTHENTICATION, Kind.PERMISSION, Kind.NOT_FOUND, Kind.VALIDATION,
                Kind.RATE_LIMITED)) {
            Scripted psa = new Scripted(HelpdeskException.answered(kind, "no", 400, null), null);
            HelpdeskException failure = catchThrowableOfType(HelpdeskException.class,
                    () -> reads(psa).picklists(CREDENTIALS));
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(psa.calls).as(kind.name()).isEqualTo(1);
        }
        assertThat(pauses).isEmpty();
    }

    private RetryingReads reads(HelpdeskReader psa) {
        return new RetryingReads(psa, Duration.ofMillis(100), pauses::add);
    }

    private static HelpdeskException transientFailure() {
        return HelpdeskException.transport(Kind.TRANSIENT, "did not answer within 3 s", null).titled("Timed out");
    }

    /** A PSA that fails with the given exceptions, in order, and answers when the next one is null. */
    private static final class Scripted implements HelpdeskReader {
        private final Deque<Optional<HelpdeskException>> script = new ArrayDeque<>();
        int calls;

        Scripted(HelpdeskException... outcomes) {
            for (HelpdeskException outcome : outcomes) {
                script.add(Optional.ofNullable(outcome));
            }
        }

        private void call() {
            calls++;
            Optional<HelpdeskException> next = script.isEmpty() ? Optional.empty() : script.poll();
            if (next.isPresent()) {
                throw next.get();
            }
        }

        @Override
        public ReaderCapabilities capabilities() {
            return new ReaderCapabilities(10, true, true, Map.of(), java.util.Set.of());
        }

        @Override
        public long count(HelpdeskCredentials credentials, RecordQuery query) {
            call();
            return 0;
        }

        @Override
        public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
            call();
            return RecordPage.last(List.of());
        }

        @Override
        public IdPage ids(HelpdeskCredentials credentials, RecordQuery query) {
            call();
            return new IdPage(List.of(), null);
        }

        @Override
        public Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber) {
            call();
            return Optional.empty();
        }

        @Override
        public List<PicklistDefinition> picklistDefinitions() {
            return List.of();
        }

        @Override
        public List<PicklistValue> picklists(HelpdeskCredentials credentials) {
            call();
            return List.of();
        }

        @Override
        public List<DeletionFeed> deletionFeeds() {
            return List.of();
        }

        @Override
        public DeletionPage deletions(HelpdeskCredentials credentials, DeletionFeed feed, Instant since,
                                      long afterLogId) {
            call();
            return new DeletionPage(List.of(), afterLogId, true);
        }

        @Override
        public Optional<ApiBudget> budget(HelpdeskCredentials credentials) {
            return Optional.empty();
        }

        @Override
        public int requestsInLastHour(HelpdeskCredentials credentials) {
            return 0;
        }

        @Override
        public long requestsSent(HelpdeskCredentials credentials) {
            return calls;
        }
    }
}
