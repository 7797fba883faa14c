package horizon.sync;

import horizon.helpdesk.HelpdeskDeletion;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskReader.DeletionLog;
import horizon.helpdesk.HelpdeskReader.DeletionPage;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the PSA's deletion logs (Autotask DeletedTicketLogs and DeletedTicketActivityLogs), each on its own cursor
 * (log id, and the watermark less the overlap to keep the query small), and tombstones what they name. The cursor
 * moves after every page, as the log is append-only and ordered by log id.
 *
 * <p>A log that names only the ticket that lost a note or time entry (Autotask's DeletedTicketActivityLogs) leads to
 * a comparison for that ticket: its notes or time entries are read in bulk ({@code ticketIds}) to the end, and only
 * then are the mirrored ones the PSA no longer lists tombstoned.
 */
@Component
class ReadingDeletionLogs {

    private static final Logger log = LoggerFactory.getLogger(ReadingDeletionLogs.class);

    private final MirrorWriter writer;
    private final MirrorQueries queries;
    private final SyncCursorRepository cursors;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final Clock clock;

    ReadingDeletionLogs(MirrorWriter writer, MirrorQueries queries, SyncCursorRepository cursors,
                        SyncStopping stopping, SyncProperties properties, Clock clock) {
        this.writer = writer;
        this.queries = queries;
        this.cursors = cursors;
        this.stopping = stopping;
        this.properties = properties;
        this.clock = clock;
    }

    void run(ConnectedAccount account, RunLog run) {
        if (!Streams.enabled(account.settings(), HelpdeskEntity.TICKETS)) {
            return;
        }
        for (DeletionLog deletionLog : DeletionLog.values()) {
            read(account, run, deletionLog);
        }
    }

    private void read(ConnectedAccount account, RunLog run, DeletionLog deletionLog) {
        long accountId = account.accountId();
        String stream = Streams.name(deletionLog);
        StreamCursor cursor = cursors.find(accountId, stream).orElseGet(() -> new StreamCursor(stream,
                clock.instant().minus(Duration.ofDays(account.settings().ingestWindowDays())), 0));
        Instant since = cursor.readFrom(properties.overlap());
        while (true) {
            stopping.check();
            DeletionPage page = account.reader().deletions(account.credentials(), deletionLog, since, cursor.lastId());
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
        unnamed.forEach((entity, tickets) -> compareChildren(account, run, entity, tickets));
    }

    /** Re-reads the notes or time entries of tickets that lost some, and tombstones the mirrored ones now missing. */
    private void compareChildren(ConnectedAccount account, RunLog run, HelpdeskEntity entity,
                                 Map<Long, Instant> deletedAtByTicket) {
        if (!Streams.enabled(account.settings(), entity)) {
            return;
        }
        long accountId = account.accountId();
        String name = Streams.name(entity);
        List<Long> tickets = deletedAtByTicket.keySet().stream().sorted().toList();
        for (int from = 0; from < tickets.size(); from += 500) {
            List<Long> batch = tickets.subList(from, Math.min(from + 500, tickets.size()));
            Set<Long> listed = new HashSet<>();
            RecordQuery query = new RecordQuery(entity, null, 0, null, batch);
            while (true) {
                stopping.check();
                RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
                page.records().forEach(r -> listed.add(r.externalId()));
                run.wrote(name, page.records().size(), Streams.upsert(writer, accountId, entity, page.records()),
                        false);
                if (page.complete()) {
                    break;
                }
                query = query.after(page.lastId());
            }
            // Read to the end: whatever the mirror holds for these tickets and the PSA did not list is gone.
            for (Long ticketId : batch) {
                List<Long> held = entity == HelpdeskEntity.TICKET_NOTES
                        ? queries.notes(accountId, ticketId).stream().map(HelpdeskRecord::externalId).toList()
                        : queries.timeEntries(accountId, ticketId).stream().map(HelpdeskRecord::externalId).toList();
                List<Long> missing = held.stream().filter(id -> !listed.contains(id)).toList();
                if (!missing.isEmpty()) {
                    MirrorWriteResult result = writer.markDeleted(accountId, Streams.mirrored(entity), missing,
                            deletedAtByTicket.get(ticketId));
                    run.wrote(name, 0, result, false);
                    log.info("sync deletes account={} psa={} entity={} ticket={} tombstoned={}", accountId,
                            account.kind(), name, ticketId, result.deleted());
                }
            }
        }
    }
}
