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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One incremental poll of an account: every enabled entity read on its own watermark with an overlap
 * ({@code changedSince = watermark − overlap}), paged by id. A cycle that finds nothing costs one request per entity.
 *
 * <p>The watermark moves to the largest PSA timestamp seen, never to Horizon's clock, and only after the entity's pass
 * was read to the end: a failed pass leaves it where it was, so the next poll reads the same changes again. Tickets
 * new to the mirror get their notes and time entries read in bulk ({@code ticketIds}, ≤ 500 per query); notes and time
 * entries read on their own watermarks are kept only for mirrored tickets.
 */
@Component
class PollingAccount {

    /** How far past Horizon's clock a PSA timestamp may lie and still move a watermark (clock skew, not bad data). */
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(PollingAccount.class);

    private final MirrorWriter writer;
    private final MirrorPresence presence;
    private final SyncCursorRepository cursors;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final Clock clock;

    PollingAccount(MirrorWriter writer, MirrorPresence presence, SyncCursorRepository cursors, SyncStopping stopping,
                   SyncProperties properties, Clock clock) {
        this.writer = writer;
        this.presence = presence;
        this.cursors = cursors;
        this.stopping = stopping;
        this.properties = properties;
        this.clock = clock;
    }

    void run(ConnectedAccount account, RunLog run) {
        for (HelpdeskEntity entity : Streams.WATERMARKED) {
            if (Streams.enabled(account.settings(), entity)) {
                poll(account, run, entity);
            }
        }
    }

    private void poll(ConnectedAccount account, RunLog run, HelpdeskEntity entity) {
        long accountId = account.accountId();
        String stream = Streams.name(entity);
        StreamCursor cursor = cursors.find(accountId, stream).orElseGet(() -> firstCursor(account, stream));
        Instant since = cursor.readFrom(properties.overlap());
        RecordQuery query = new RecordQuery(entity, since, 0, null, List.of());
        StreamCursor seen = cursor;
        while (true) {
            stopping.check();
            RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
            seen = seen.advancedBy(page.records(), clock.instant().plus(FUTURE_TOLERANCE));
            write(account, run, entity, page.records());
            if (page.complete()) {
                break;
            }
            query = query.after(page.lastId());
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
                       List<? extends HelpdeskRecord> records) {
        long accountId = account.accountId();
        String name = Streams.name(entity);
        if (records.isEmpty()) {
            run.wrote(name, 0, MirrorWriteResult.NONE, true);
            return;
        }
        switch (entity) {
            case TICKETS -> {
                Set<Long> known = presence.liveTickets(accountId,
                        records.stream().map(HelpdeskRecord::externalId).toList());
                List<Long> arrived = records.stream().map(HelpdeskRecord::externalId)
                        .filter(id -> !known.contains(id)).toList();
                run.wrote(name, records.size(), Streams.upsert(writer, accountId, entity, records), true);
                if (!arrived.isEmpty()) {
                    readChildren(account, run, arrived);
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
                run.wrote(name, kept.size(), Streams.upsert(writer, accountId, entity, kept), true);
            }
            default -> run.wrote(name, records.size(), Streams.upsert(writer, accountId, entity, records), true);
        }
    }

    /** Notes and time entries of tickets new to the mirror, read in bulk by ticket ids. */
    void readChildren(ConnectedAccount account, RunLog run, List<Long> ticketIds) {
        for (HelpdeskEntity child : List.of(HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES)) {
            if (!Streams.enabled(account.settings(), child)) {
                continue;
            }
            for (int from = 0; from < ticketIds.size(); from += 500) {
                List<Long> batch = ticketIds.subList(from, Math.min(from + 500, ticketIds.size()));
                RecordQuery query = new RecordQuery(child, null, 0, null, batch);
                while (true) {
                    stopping.check();
                    RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
                    run.wrote(Streams.name(child), page.records().size(),
                            Streams.upsert(writer, account.accountId(), child, page.records()), false);
                    if (page.complete()) {
                        break;
                    }
                    query = query.after(page.lastId());
                }
            }
        }
    }

    private static Long ticketOf(HelpdeskRecord record) {
        if (record instanceof HelpdeskNote note) {
            return note.ticketId();
        }
        if (record instanceof HelpdeskTimeEntry entry) {
            return entry.ticketId();
        }
        return null;
    }
}
