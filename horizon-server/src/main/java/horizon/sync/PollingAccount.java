package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One incremental poll of an account: every enabled entity the PSA can read on its change watermark, with an overlap
 * ({@code changedSince = watermark − overlap}), page after page. A cycle that finds nothing costs one request per
 * entity.
 *
 * <p>The watermark moves to the largest PSA timestamp seen, never to Horizon's clock, and only after the entity's pass
 * was read to the end: a failed pass leaves it where it was, so the next poll reads the same changes again. Tickets
 * new to the mirror get their notes and time entries read in bulk; notes and time entries read on their own
 * watermarks are kept only for mirrored tickets. Children the PSA cannot read on a watermark, or whose deletions no
 * feed reports, are read again and compared for every ticket that changed ({@link ComparingChildren}).
 */
@Component
class PollingAccount {

    /** How far past Horizon's clock a PSA timestamp may lie and still move a watermark (clock skew, not bad data). */
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(PollingAccount.class);
    private static final List<HelpdeskEntity> CHILDREN = List.of(HelpdeskEntity.TICKET_NOTES,
            HelpdeskEntity.TIME_ENTRIES);

    private final MirrorWriter writer;
    private final MirrorPresence presence;
    private final ComparingChildren children;
    private final SyncCursorRepository cursors;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final Clock clock;

    PollingAccount(MirrorWriter writer, MirrorPresence presence, ComparingChildren children,
                   SyncCursorRepository cursors, SyncStopping stopping, SyncProperties properties, Clock clock) {
        this.writer = writer;
        this.presence = presence;
        this.children = children;
        this.cursors = cursors;
        this.stopping = stopping;
        this.properties = properties;
        this.clock = clock;
    }

    void run(ConnectedAccount account, RunLog run) {
        for (HelpdeskEntity entity : Streams.WATERMARKED) {
            if (Streams.enabled(account.settings(), entity)
                    && account.reader().capabilities().watermarked(entity)) {
                poll(account, run, entity);
            }
        }
    }

    private void poll(ConnectedAccount account, RunLog run, HelpdeskEntity entity) {
        long accountId = account.accountId();
        String stream = Streams.name(entity);
        StreamCursor cursor = cursors.find(accountId, stream).orElseGet(() -> firstCursor(account, stream));
        Instant since = cursor.readFrom(properties.overlap());
        RecordQuery query = RecordQuery.changedSince(entity, since);
        StreamCursor seen = cursor;
        while (true) {
            stopping.check();
            Instant askedAt = clock.instant();
            RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
            run.checked(entity, page);
            seen = seen.advancedBy(page.records(), clock.instant().plus(FUTURE_TOLERANCE));
            write(account, run, entity, page.records(), askedAt);
            if (page.complete()) {
                break;
            }
            query = query.continuedAt(page.nextCursor());
        }
        if (!seen.equals(cursor)) {
            cursors.save(accountId, seen, clock.instant());
            log.debug("sync poll account={} entity={} watermark={}", accountId, stream, seen.watermark());
        }
    }

    /** A stream enabled after the backfill starts at the ingest window, like the backfill did. */
    private StreamCursor firstCursor(ConnectedAccount account, String stream) {
        return new StreamCursor(stream, clock.instant().minus(Duration.ofDays(account.settings().ingestWindowDays())),
                0);
    }

    private void write(ConnectedAccount account, RunLog run, HelpdeskEntity entity,
                       List<? extends HelpdeskRecord> records, Instant askedAt) {
        long accountId = account.accountId();
        String name = Streams.name(entity);
        if (records.isEmpty()) {
            run.wrote(name, 0, MirrorWriteResult.NONE, true);
            return;
        }
        switch (entity) {
            case TICKETS -> {
                List<Long> ids = records.stream().map(HelpdeskRecord::externalId).toList();
                Map<Long, Instant> held = presence.ticketWatermarks(accountId, ids);
                Map<Long, Instant> childrenRead = presence.childrenReadAt(accountId, ids);
                List<Long> arrived = ids.stream().filter(id -> !held.containsKey(id)).toList();
                // Tickets whose children were compared at the version read are left alone (the overlap reads
                // unchanged ones again); new ones, changed ones and ones a callback wrote without their children
                // are looked at.
                Map<Long, Instant> unread = new java.util.HashMap<>();
                records.stream().filter(r -> !held.containsKey(r.externalId())
                                || !Objects.equals(childrenRead.get(r.externalId()), r.remoteUpdatedAt()))
                        .forEach(r -> unread.put(r.externalId(), r.remoteUpdatedAt()));
                List<Long> changed = unread.keySet().stream().sorted().toList();
                run.wrote(name, records.size(), Streams.upsert(writer, accountId, entity, records, askedAt), true);
                Instant readAt = clock.instant();
                boolean comparing = false;
                for (HelpdeskEntity child : CHILDREN) {
                    if (compared(account, child)) {
                        // Every changed ticket: its children cannot be followed any other way.
                        children.compare(account, run, child, changed, ticketId -> readAt);
                        comparing = true;
                    } else if (!arrived.isEmpty() && Streams.enabled(account.settings(), child)) {
                        readNew(account, run, child, arrived);
                    }
                }
                if (comparing) {
                    unread.values().removeIf(Objects::isNull);
                    writer.childrenRead(accountId, unread);
                }
            }
            case TICKET_NOTES, TIME_ENTRIES -> {
                List<Long> ticketIds = records.stream().map(PollingAccount::ticketOf).filter(id -> id != null)
                        .toList();
                Set<Long> mirrored = presence.liveTickets(accountId, ticketIds);
                List<HelpdeskRecord> kept = new ArrayList<>();
                for (HelpdeskRecord record : records) {
                    Long ticket = ticketOf(record);
                    if (ticket != null && mirrored.contains(ticket)) {
                        kept.add(record);
                    }
                }
                run.fetchedOnly(name, records.size() - kept.size());
                run.wrote(name, kept.size(), Streams.upsert(writer, accountId, entity, kept, askedAt), true);
            }
            default -> run.wrote(name, records.size(), Streams.upsert(writer, accountId, entity, records, askedAt), true);
        }
    }

    /**
     * Whether a child entity is compared for every ticket that changed: the PSA cannot list its changes across tickets,
     * or keeps no deletion feed for it.
     */
    private static boolean compared(ConnectedAccount account, HelpdeskEntity child) {
        var reader = account.reader();
        return !reader.capabilities().watermarked(child)
                || reader.deletionFeeds().stream().noneMatch(feed -> feed.covers(child));
    }

    /** Notes or time entries of tickets new to the mirror, as many tickets per query as the PSA allows. */
    private void readNew(ConnectedAccount account, RunLog run, HelpdeskEntity child, List<Long> ticketIds) {
        int per = account.reader().capabilities().parentIdsPerQuery(child);
        for (int from = 0; from < ticketIds.size(); from += per) {
            children.readAll(account, run, RecordQuery.childrenOf(child,
                    ticketIds.subList(from, Math.min(from + per, ticketIds.size()))), r -> { });
        }
    }

    static Long ticketOf(HelpdeskRecord record) {
        if (record instanceof HelpdeskNote note) {
            return note.ticketId();
        }
        if (record instanceof HelpdeskTimeEntry entry) {
            return entry.ticketId();
        }
        return null;
    }
}
