package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What the sync engine did lately, for the pages that judge real-time delivery: changes polls found (changes a
 * callback should have announced first), the last poll, and the runs that may have written a ticket.
 */
@Component
public class SyncActivity {

    private final SyncRunRepository runs;

    SyncActivity(SyncRunRepository runs) {
        this.runs = runs;
    }

    /** Records of these entities polls inserted or updated since an instant. */
    public long changesFoundByPolling(long accountId, Instant since, Set<HelpdeskEntity> entities) {
        Set<String> names = entities.stream().map(Streams::name).collect(Collectors.toSet());
        return runs.startedSince(accountId, SyncKind.POLL, since, 10_000).stream()
                .mapToLong(run -> run.counts().entrySet().stream().filter(e -> names.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().inserted() + e.getValue().updated()).sum())
                .sum();
    }

    /** The account's latest poll. */
    public Optional<SyncRun> lastPoll(long accountId) {
        return runs.page(accountId, SyncKind.POLL, null, 0, 1).stream().findFirst();
    }

    /**
     * Runs that may have written a ticket, newest first: single-ticket runs asked for it by any of its names, and
     * runs that were running when the mirror last wrote it.
     *
     * @param names   its PSA id and ticket number
     * @param written when the mirror last wrote it, or null
     */
    public List<SyncRun> touching(long accountId, List<String> names, Instant written) {
        return runs.touching(accountId, names.isEmpty() ? List.of("") : names, written, 20);
    }
}
