package horizon.sync;

import horizon.helpdesk.HelpdeskDeletion;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.HelpdeskReader.DeletionPage;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the PSA's deletion feeds (Autotask's DeletedTicketLogs and DeletedTicketActivityLogs), each on its own cursor
 * (log id, and the watermark less the overlap to keep the query small), and tombstones what they name. The cursor
 * moves after every page, as a feed is append-only and ordered by log id. A PSA without feeds has nothing to read
 * here: its deleted tickets are found by {@link ReconcilingListings#ticketIds}, its deleted notes and time entries when their
 * ticket changes.
 *
 * <p>A feed that names only the ticket that lost a note or time entry (Autotask's DeletedTicketActivityLogs) leads to
 * a comparison for that ticket ({@link ComparingChildren}).
 */
@Component
class ReadingDeletionLogs {

    private static final Logger log = LoggerFactory.getLogger(ReadingDeletionLogs.class);

    private final MirrorWriter writer;
    private final ComparingChildren children;
    private final SyncCursorRepository cursors;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final Clock clock;

    ReadingDeletionLogs(MirrorWriter writer, ComparingChildren children, SyncCursorRepository cursors,
                        SyncStopping stopping, SyncProperties properties, Clock clock) {
        this.writer = writer;
        this.children = children;
        this.cursors = cursors;
        this.stopping = stopping;
        this.properties = properties;
        this.clock = clock;
    }

    void run(ConnectedAccount account, RunLog run) {
        if (!Streams.enabled(account.settings(), HelpdeskEntity.TICKETS)) {
            return;
        }
        for (DeletionFeed feed : account.reader().deletionFeeds()) {
            read(account, run, feed);
        }
    }

    private void read(ConnectedAccount account, RunLog run, DeletionFeed feed) {
        long accountId = account.accountId();
        String stream = feed.name();
        StreamCursor cursor = cursors.find(accountId, stream).orElseGet(() -> new StreamCursor(stream,
                clock.instant().minus(Duration.ofDays(account.settings().ingestWindowDays())), 0));
        Instant since = cursor.readFrom(properties.overlap());
        while (true) {
            stopping.check();
            DeletionPage page = account.reader().deletions(account.credentials(), feed, since, cursor.lastId());
            tombstone(account, run, page.deletions());
            StreamCursor next = cursor;
            for (HelpdeskDeletion deletion : page.deletions()) {
                next = next.advancedTo(deletion.deletedAt(), deletion.logId());
            }
            next = next.advancedTo(null, page.lastLogId());
            if (!next.equals(cursor)) {
                cursors.save(accountId, next, clock.instant());
                cursor = next;
            }
            if (page.complete() || page.deletions().isEmpty()) {
                return;
            }
        }
    }

    private void tombstone(ConnectedAccount account, RunLog run, List<HelpdeskDeletion> deletions) {
        // markDeleted takes one deletion time per call: group by entity and time (a log page holds few distinct ones).
        Map<HelpdeskEntity, Map<Instant, List<Long>>> grouped = new TreeMap<>();
        Map<HelpdeskEntity, Map<Long, Instant>> unnamed = new TreeMap<>();
        for (HelpdeskDeletion deletion : deletions) {
            if (!deletion.identified()) {
                if (deletion.ticketId() != null && deletion.entity() != HelpdeskEntity.TICKETS) {
                    unnamed.computeIfAbsent(deletion.entity(), e -> new HashMap<>())
                            .merge(deletion.ticketId(), deletion.deletedAt(), StreamCursor::later);
                }
                continue;
            }
            grouped.computeIfAbsent(deletion.entity(), e -> new TreeMap<>())
                    .computeIfAbsent(deletion.deletedAt(), t -> new ArrayList<>()).add(deletion.externalId());
        }
        grouped.forEach((entity, byTime) -> byTime.forEach((deletedAt, ids) -> {
            MirrorWriteResult result = writer.markDeleted(account.accountId(), Streams.mirrored(entity), ids,
                    deletedAt);
            run.wrote(Streams.name(entity), 0, result, false);
            if (result.deleted() > 0) {
                log.info("sync deletes account={} psa={} entity={} tombstoned={} ids={}", account.accountId(),
                        account.kind(), Streams.name(entity), result.deleted(), ids.size() <= 10 ? ids : ids.size());
            }
        }));
        unnamed.forEach((entity, tickets) -> children.compare(account, run, entity, List.copyOf(tickets.keySet()),
                ComparingChildren.loggedAt(tickets)));
    }
}
