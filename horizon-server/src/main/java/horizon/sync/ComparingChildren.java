package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the notes or time entries of some tickets to the end, writes them, and tombstones the mirrored ones the PSA no
 * longer lists. How deleted children are found when the PSA names only the ticket that lost one (Autotask's activity
 * log), or keeps no deletion log at all for them (ConnectWise: every ticket that changed is compared).
 *
 * <p>Tickets are asked for as many at a time as the PSA allows ({@code parentIdsPerQuery}); only a listing read to the
 * end is compared, so a failed read deletes nothing.
 */
@Component
class ComparingChildren {

    private static final Logger log = LoggerFactory.getLogger(ComparingChildren.class);

    private final MirrorWriter writer;
    private final MirrorQueries queries;
    private final SyncStopping stopping;
    private final Clock clock;

    ComparingChildren(MirrorWriter writer, MirrorQueries queries, SyncStopping stopping, Clock clock) {
        this.writer = writer;
        this.queries = queries;
        this.stopping = stopping;
        this.clock = clock;
    }

    /**
     * Compares the children of the tickets.
     *
     * @param deletedAt when to date a tombstone, by ticket (the log's time, or when the listing was read)
     */
    void compare(ConnectedAccount account, WriteTally run, HelpdeskEntity entity, List<Long> ticketIds,
                 Function<Long, Instant> deletedAt) {
        if (!Streams.enabled(account.settings(), entity) || ticketIds.isEmpty()) {
            return;
        }
        long accountId = account.accountId();
        String name = Streams.name(entity);
        List<Long> tickets = ticketIds.stream().distinct().sorted().toList();
        int per = account.reader().capabilities().parentIdsPerQuery(entity);
        for (int from = 0; from < tickets.size(); from += per) {
            List<Long> batch = tickets.subList(from, Math.min(from + per, tickets.size()));
            Set<Long> listed = new HashSet<>();
            readAll(account, run, RecordQuery.childrenOf(entity, batch), listed::add);
            // Read to the end: whatever the mirror holds for these tickets and the PSA did not list is gone.
            for (Long ticketId : batch) {
                List<Long> held = entity == HelpdeskEntity.TICKET_NOTES
                        ? queries.notes(accountId, ticketId).stream().map(HelpdeskRecord::externalId).toList()
                        : queries.timeEntries(accountId, ticketId).stream().map(HelpdeskRecord::externalId).toList();
                List<Long> missing = held.stream().filter(id -> !listed.contains(id)).toList();
                if (!missing.isEmpty()) {
                    MirrorWriteResult result = writer.markDeleted(accountId, Streams.mirrored(entity), missing,
                            deletedAt.apply(ticketId));
                    run.wrote(name, 0, result, false);
                    log.info("sync deletes account={} psa={} entity={} ticket={} tombstoned={}", accountId,
                            account.kind(), name, ticketId, result.deleted());
                }
            }
        }
    }

    /**
     * Reads every page of the query, writing each, and hands the id of every record listed to {@code seen} (those the
     * adapter could not read too: they exist, so nothing compared against the listing may delete them).
     */
    void readAll(ConnectedAccount account, WriteTally run, RecordQuery first, Consumer<Long> seen) {
        String name = Streams.name(first.entity());
        RecordQuery query = first;
        while (true) {
            stopping.check();
            Instant askedAt = clock.instant();
            RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
            run.checked(first.entity(), page);
            page.records().forEach(r -> seen.accept(r.externalId()));
            page.unreadable().forEach(u -> seen.accept(u.externalId()));
            run.wrote(name, page.records().size(),
                    Streams.upsert(writer, account.accountId(), first.entity(), page.records(), askedAt), false);
            if (page.complete()) {
                return;
            }
            query = query.continuedAt(page.nextCursor());
        }
    }

    /** Tombstone times taken from a deletion log, by ticket. */
    static Function<Long, Instant> loggedAt(Map<Long, Instant> byTicket) {
        return byTicket::get;
    }
}
