package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.HelpdeskReader.DeletionPage;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first full read of an account after Connect, in dependency order: helpdesk users, picklists, companies, contacts,
 * then the tickets inside the ingest window with their notes and time entries.
 *
 * <p>Companies, contacts and tickets are read by id in {@link IdSegments} with up to {@code parallelism} requests in
 * flight per endpoint. Each page is written to the mirror in the same transaction as its segment's new cursor, so a
 * stopped or killed node resumes after the last page written. Every ticket page becomes one bulk batch of notes and
 * one of time entries ({@code ticketIds} = the page's ≤ 500 ids), checkpointed the same way and read while the next
 * ticket pages arrive; no request is ever made for a single ticket.
 *
 * <p>Checkpoints live under the backfill's first run ({@code originRunId}); a resumed backfill is a new run that
 * writes under the same key.
 *
 * <p>A widened ingest window is backfilled the same way ({@link #widen}): only the tickets whose watermark lies in the
 * stretch the mirror does not cover yet, with their notes and time entries in bulk, checkpointed under its own first
 * run.
 */
@Component
class BackfillingAccount {

    /** Children read a few tickets at a time are written every this many tickets. */
    static final int TICKETS_PER_WRITE = 25;

    /** How far back the start-of-backfill probe looks for the newest change of each stream. */
    static final Duration PROBE_SPAN = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(BackfillingAccount.class);
    private static final String CURSORS_PHASE = "cursors";
    private static final String PICKLISTS_PHASE = "picklists";
    private static final String TOTALS_PHASE = "totals";
    /** The entities a backfill counts first, so its progress has a total from the start. */
    private static final List<HelpdeskEntity> COUNTED = List.of(HelpdeskEntity.HELPDESK_USERS,
            HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS, HelpdeskEntity.TICKETS);

    private final MirrorWriter writer;
    private final BackfillCheckpointRepository checkpoints;
    private final SyncCursorRepository cursors;
    private final ReconcilingListings listings;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BackfillingAccount(MirrorWriter writer, BackfillCheckpointRepository checkpoints, SyncCursorRepository cursors,
                       ReconcilingListings listings, SyncStopping stopping, SyncProperties properties,
                       PlatformTransactionManager transactionManager, Clock clock) {
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.cursors = cursors;
        this.listings = listings;
        this.stopping = stopping;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Runs the backfill, or resumes it from the checkpoints of {@code originRunId}.
     *
     * @param windowStart tickets whose PSA watermark is at or after this are read (now − ingest window days)
     */
    void run(ConnectedAccount account, RunLog run, long originRunId, Instant windowStart) {
        Backfill backfill = new Backfill(account, run, originRunId, windowStart, null);
        backfill.startCursors();
        backfill.countTotals(COUNTED);
        if (Streams.enabled(account.settings(), HelpdeskEntity.HELPDESK_USERS)) {
            backfill.phase(Streams.name(HelpdeskEntity.HELPDESK_USERS),
                    () -> listings.helpdeskUsers(account, run, false));
        }
        backfill.phase(PICKLISTS_PHASE, () -> listings.picklists(account, run));
        for (HelpdeskEntity entity : List.of(HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS,
                HelpdeskEntity.TICKETS)) {
            if (Streams.enabled(account.settings(), entity)) {
                backfill.readInSegments(entity, entity == HelpdeskEntity.TICKETS ? windowStart : null);
            }
        }
        run.allRead();
    }

    /**
     * Reads the tickets whose PSA watermark lies in {@code [from, to)} with their notes and time entries, or resumes
     * that read from the checkpoints of {@code originRunId}. Everything changed at or after {@code to} is already
     * mirrored and followed by polls, so no page of it is read again; the stream cursors stay where they are.
     */
    void widen(ConnectedAccount account, RunLog run, long originRunId, Instant from, Instant to) {
        if (!Streams.enabled(account.settings(), HelpdeskEntity.TICKETS)) {
            return;
        }
        Backfill backfill = new Backfill(account, run, originRunId, from, to);
        backfill.countTotals(List.of(HelpdeskEntity.TICKETS));
        backfill.readInSegments(HelpdeskEntity.TICKETS, from);
        run.allRead();
    }

    /** One backfill run's state. */
    private final class Backfill {
        private final ConnectedAccount account;
        private final RunLog run;
        private final long origin;
        private final Instant windowStart;
        /** Tickets changed at or after this are not read (a widening: the stretch already covered); null for none. */
        private final Instant windowEnd;
        private final long accountId;

        Backfill(ConnectedAccount account, RunLog run, long origin, Instant windowStart, Instant windowEnd) {
            this.account = account;
            this.run = run;
            this.origin = origin;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.accountId = account.accountId();
        }

        /** The query of a segment of an entity; tickets end at the window's end when there is one. */
        private RecordQuery query(HelpdeskEntity entity, Instant changedSince, long idAbove, Long idAtMost) {
            return new RecordQuery(entity, changedSince, entity == HelpdeskEntity.TICKETS ? windowEnd : null, idAbove,
                    idAtMost, List.of(), null);
        }

        /**
         * Gives every stream its first cursor before any record is read: the newest PSA timestamp among records
         * changed in the last minutes, read from the PSA (one request per stream). Any change made while the backfill
         * runs is stamped later than that, so the first poll after the backfill reads it; and the poll does not have
         * to read the whole window again.
         */
        void startCursors() {
            if (done(CURSORS_PHASE)) {
                return;
            }
            Instant since = clock.instant().minus(PROBE_SPAN);
            for (HelpdeskEntity entity : Streams.WATERMARKED) {
                if (!Streams.enabled(account.settings(), entity)
                        || !account.reader().capabilities().watermarked(entity)) {
                    continue;
                }
                stopping.check();
                RecordPage<HelpdeskRecord> probe = account.reader().page(account.credentials(),
                        RecordQuery.changedSince(entity, since));
                StreamCursor cursor = new StreamCursor(Streams.name(entity), since, 0)
                        .advancedBy(probe.records(), clock.instant().plus(PollingAccount.FUTURE_TOLERANCE));
                cursors.save(accountId, cursor, clock.instant());
            }
            if (Streams.enabled(account.settings(), HelpdeskEntity.TICKETS)) {
                for (DeletionFeed feed : account.reader().deletionFeeds()) {
                    stopping.check();
                    DeletionPage probe = account.reader().deletions(account.credentials(), feed, since, 0);
                    Instant newest = probe.deletions().stream().map(d -> d.deletedAt())
                            .reduce(since, StreamCursor::later);
                    cursors.save(accountId, new StreamCursor(feed.name(), newest, probe.lastLogId()),
                            clock.instant());
                }
            }
            markDone(CURSORS_PHASE, null);
        }

        /**
         * Counts every entity the backfill reads (one {@code query/count} each) and stores the totals with the phases;
         * a resumed backfill takes them from there and counts the finished phases as done.
         */
        void countTotals(List<HelpdeskEntity> counted) {
            long total = 0;
            long done = 0;
            if (!done(TOTALS_PHASE)) {
                for (HelpdeskEntity entity : counted) {
                    if (!Streams.enabled(account.settings(), entity)) {
                        continue;
                    }
                    stopping.check();
                    long count = account.reader().capabilities().counts()
                            ? account.reader().count(account.credentials(),
                            query(entity, entity == HelpdeskEntity.TICKETS ? windowStart : null, 0, null)) : 0;
                    checkpoints.savePhase(accountId, origin, Streams.name(entity),
                            new BackfillCheckpointRepository.Phase(count, null, null, false), clock.instant());
                    total += count;
                }
                markDone(TOTALS_PHASE, total);
            } else {
                for (HelpdeskEntity entity : counted) {
                    var phase = checkpoints.phase(accountId, origin, Streams.name(entity));
                    long count = phase.map(p -> p.total() == null ? 0L : p.total()).orElse(0L);
                    total += count;
                    done += phase.filter(p -> p.done()).isPresent() ? count : 0;
                }
            }
            run.addToTotal(total);
            run.progressDone(done);
        }

        void phase(String name, Runnable work) {
            if (done(name)) {
                return;
            }
            work.run();
            markDone(name, null);
        }

        /** Reads one entity by id in segments, resuming from checkpoints when they exist. */
        void readInSegments(HelpdeskEntity entity, Instant changedSince) {
            String phase = Streams.name(entity);
            Optional<BackfillCheckpointRepository.Phase> stored = checkpoints.phase(accountId, origin, phase);
            if (stored.isPresent() && stored.get().done()) {
                return;
            }
            // A phase row with only its total (from countTotals) has not started reading yet.
            boolean fresh = stored.isEmpty() || stored.get().pageSpan() == null;
            boolean withChildren = entity == HelpdeskEntity.TICKETS;
            Children children = withChildren ? new Children() : null;
            try {
                if (!account.reader().capabilities().idRanges()) {
                    readForward(entity, changedSince, children);
                    finish(phase, children, stored.map(BackfillCheckpointRepository.Phase::total).orElse(null));
                    return;
                }
                IdSegments plan;
                RecordQuery base = query(entity, changedSince, 0, null);
                if (fresh) {
                    stopping.check();
                    long count = stored.map(BackfillCheckpointRepository.Phase::total)
                            .orElseGet(() -> account.reader().capabilities().counts()
                                    ? account.reader().count(account.credentials(), base) : 0);
                    Instant askedAt = clock.instant();
                    RecordPage<HelpdeskRecord> first = account.reader().page(account.credentials(), base);
                    run.checked(entity, first);
                    List<Long> firstIds = first.records().stream().map(HelpdeskRecord::externalId).toList();
                    long firstLast = first.lastIdOr(0);
                    boolean onePage = first.complete() || (first.records().isEmpty() && first.unreadable().isEmpty());
                    // The plan (none when one page held everything) is stored with the first page and its child
                    // batches in one transaction: a node stopped after it goes on from there, never from the start.
                    IdSegments planned = onePage ? IdSegments.resume(List.of(), 1, firstLast)
                            : IdSegments.plan(firstIds.stream().mapToLong(Long::longValue).min().orElse(0), firstLast,
                            first.records().size(), Math.max(count, first.records().size()), properties.parallelism());
                    MirrorWriteResult result = transactions.execute(status -> {
                        MirrorWriteResult written = Streams.upsert(writer, accountId, entity, first.records(),
                                askedAt);
                        if (children != null) {
                            children.checkpoint(0, firstLast, firstIds);
                        }
                        checkpoints.savePhase(accountId, origin, phase, new BackfillCheckpointRepository.Phase(count,
                                planned.estimatedMaxId(), planned.pageSpan(), false), clock.instant());
                        planned.snapshot().forEach(segment -> checkpoints.saveSegment(accountId, origin, phase,
                                segment, clock.instant()));
                        return written;
                    });
                    run.wrote(phase, first.records().size(), result, true);
                    if (children != null) {
                        children.submitPending();
                    }
                    if (onePage) {
                        finish(phase, children, count);
                        return;
                    }
                    plan = planned;
                } else {
                    BackfillCheckpointRepository.Phase resumed = stored.get();
                    plan = IdSegments.resume(checkpoints.segments(accountId, origin, phase),
                            resumed.pageSpan() == null ? 1 : resumed.pageSpan(),
                            resumed.estimatedMaxId() == null ? 0 : resumed.estimatedMaxId());
                    if (children != null) {
                        children.resumeOpenBatches();
                    }
                    log.info("sync backfill resuming account={} entity={} segments={}", accountId, phase,
                            plan.snapshot().stream().filter(s -> !s.done()).count());
                }
                readSegments(entity, changedSince, plan, children);
                Long total = checkpoints.phase(accountId, origin, phase).map(p -> p.total()).orElse(null);
                finish(phase, children, total);
            } finally {
                if (children != null) {
                    children.close();
                }
            }
        }

        /**
         * One forward pass for a PSA without id ranges, page after page on the PSA's own cursor. Pages are written as
         * they come; a stopped pass starts over from the first page when resumed (the writes are idempotent, and the
         * ticket pages' child batches already checkpointed are read as they were).
         */
        private void readForward(HelpdeskEntity entity, Instant changedSince, Children children) {
            String phase = Streams.name(entity);
            RecordQuery query = query(entity, changedSince, 0, null);
            while (true) {
                stopping.check();
                Instant askedAt = clock.instant();
                RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
                run.checked(entity, page);
                List<Long> ids = page.records().stream().map(HelpdeskRecord::externalId).toList();
                MirrorWriteResult result = transactions.execute(status -> {
                    MirrorWriteResult written = Streams.upsert(writer, accountId, entity, page.records(), askedAt);
                    if (children != null) {
                        children.checkpoint(0, 0, ids);
                    }
                    return written;
                });
                run.wrote(phase, page.records().size(), result, true);
                if (children != null) {
                    children.submitPending();
                    rethrow(children.failure.get());
                }
                if (page.complete()) {
                    return;
                }
                query = query.continuedAt(page.nextCursor());
            }
        }

        private void finish(String phase, Children children, Long total) {
            if (children != null) {
                children.awaitAll();
            }
            stopping.check();
            markDone(phase, total);
        }

        private void readSegments(HelpdeskEntity entity, Instant changedSince, IdSegments plan, Children children) {
            String phase = Streams.name(entity);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            ExecutorService workers = Executors.newFixedThreadPool(properties.parallelism(),
                    threads("sync-" + accountId + "-" + phase));
            try {
                for (int i = 0; i < properties.parallelism(); i++) {
                    workers.execute(() -> {
                        try {
                            work(entity, changedSince, plan, children, failure);
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    });
                }
            } finally {
                // Never shutdownNow: an interrupt inside an embedded H2 write closes the database file.
                workers.shutdown();
                awaitQuietly(workers);
            }
            rethrow(failure.get());
            stopping.check();
            if (children != null) {
                rethrow(children.failure.get());
            }
            if (!plan.allDone()) {
                throw new IllegalStateException("backfill of " + phase + " ended with unread segments");
            }
        }

        /** One worker: claims segments (stealing when none is free) and reads them page by page. */
        private void work(HelpdeskEntity entity, Instant changedSince, IdSegments plan, Children children,
                          AtomicReference<Throwable> failure) {
            String phase = Streams.name(entity);
            while (failure.get() == null && !stopping.stopping()) {
                Optional<IdSegments.Claim> claim = plan.claim();
                if (claim.isEmpty()) {
                    return;
                }
                IdSegments.Segment segment = claim.get().segment();
                if (claim.get().shrunk().isPresent()) {
                    IdSegments.Segment victim = claim.get().shrunk().get();
                    transactions.executeWithoutResult(status -> {
                        checkpoints.saveSegment(accountId, origin, phase, victim, clock.instant());
                        checkpoints.saveSegment(accountId, origin, phase, segment, clock.instant());
                    });
                }
                long cursor = segment.cursor();
                while (true) {
                    if (failure.get() != null || stopping.stopping()
                            || (children != null && children.failure.get() != null)) {
                        plan.release(segment.number());
                        return;
                    }
                    Long hi = plan.hi(segment.number());
                    Instant askedAt = clock.instant();
                    RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(),
                            query(entity, changedSince, cursor, hi));
                    run.checked(entity, page);
                    List<Long> ids = page.records().stream().map(HelpdeskRecord::externalId).toList();
                    long pageLo = cursor;
                    long pageLast = page.lastIdOr(cursor);
                    IdSegments.Segment[] advanced = new IdSegments.Segment[1];
                    MirrorWriteResult result = transactions.execute(status -> {
                        MirrorWriteResult written = Streams.upsert(writer, accountId, entity, page.records(),
                                askedAt);
                        advanced[0] = plan.advance(segment.number(), pageLast, page.complete());
                        checkpoints.saveSegment(accountId, origin, phase, advanced[0], clock.instant());
                        if (children != null) {
                            children.checkpoint(pageLo, pageLast, ids);
                        }
                        return written;
                    });
                    run.wrote(phase, page.records().size(), result, true);
                    if (children != null) {
                        children.submitPending();
                    }
                    cursor = advanced[0].cursor();
                    if (advanced[0].done()) {
                        break;
                    }
                }
            }
        }

        private boolean done(String phase) {
            return checkpoints.phase(accountId, origin, phase).map(p -> p.done()).orElse(false);
        }

        private void markDone(String phase, Long total) {
            var existing = checkpoints.phase(accountId, origin, phase);
            checkpoints.savePhase(accountId, origin, phase, new BackfillCheckpointRepository.Phase(
                    total != null ? total : existing.map(p -> p.total()).orElse(null),
                    existing.map(p -> p.estimatedMaxId()).orElse(null),
                    existing.map(p -> p.pageSpan()).orElse(null), true), clock.instant());
        }

        /**
         * The notes and time entries of the ticket pages read so far: one bulk batch per ticket page and child
         * entity, checkpointed in the ticket page's transaction and read by {@code parallelism} threads per entity.
         */
        private final class Children {
            private final List<HelpdeskEntity> entities = new ArrayList<>();
            private final List<ExecutorService> pools = new ArrayList<>();
            private final List<AtomicInteger> numbers = new ArrayList<>();
            private final ThreadLocal<List<Runnable>> pending = ThreadLocal.withInitial(ArrayList::new);
            final AtomicReference<Throwable> failure = new AtomicReference<>();

            Children() {
                for (HelpdeskEntity child : List.of(HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES)) {
                    if (Streams.enabled(account.settings(), child)) {
                        entities.add(child);
                        pools.add(Executors.newFixedThreadPool(properties.parallelism(),
                                threads("sync-" + accountId + "-" + Streams.name(child))));
                        numbers.add(new AtomicInteger(
                                checkpoints.maxSegment(accountId, origin, Streams.name(child)) + 1));
                    }
                }
            }

            /** Inside a ticket page's transaction: records the page's child batches, to submit after commit. */
            void checkpoint(long lo, long hi, List<Long> ticketIds) {
                if (ticketIds.isEmpty()) {
                    return;
                }
                for (int i = 0; i < entities.size(); i++) {
                    HelpdeskEntity child = entities.get(i);
                    int pool = i;
                    for (List<Long> part : parts(child, ticketIds)) {
                        int number = numbers.get(i).getAndIncrement();
                        checkpoints.insertChildBatch(accountId, origin, Streams.name(child), number, lo, hi, part,
                                clock.instant());
                        var batch = new BackfillCheckpointRepository.ChildBatch(number, part, 0);
                        pending.get().add(() -> submit(pool, child, batch));
                    }
                }
            }

            /**
             * A ticket page's tickets as child batches: one, when the PSA lists the children of the whole page in bulk;
             * else one per reading thread, so a PSA that lists them a few tickets at a time is read in parallel.
             */
            private List<List<Long>> parts(HelpdeskEntity child, List<Long> ticketIds) {
                int per = account.reader().capabilities().parentIdsPerQuery(child);
                if (per >= ticketIds.size()) {
                    return List.of(ticketIds);
                }
                List<Long> sorted = ticketIds.stream().sorted().toList();
                int size = Math.max(per, (sorted.size() + properties.parallelism() - 1) / properties.parallelism());
                List<List<Long>> parts = new ArrayList<>();
                for (int from = 0; from < sorted.size(); from += size) {
                    parts.add(sorted.subList(from, Math.min(from + size, sorted.size())));
                }
                return parts;
            }

            /** After the ticket page's commit: starts reading its child batches. */
            void submitPending() {
                List<Runnable> ready = new ArrayList<>(pending.get());
                pending.get().clear();
                ready.forEach(Runnable::run);
            }

            void resumeOpenBatches() {
                for (int i = 0; i < entities.size(); i++) {
                    HelpdeskEntity child = entities.get(i);
                    for (var batch : checkpoints.openChildBatches(accountId, origin, Streams.name(child))) {
                        submit(i, child, batch);
                    }
                }
            }

            private void submit(int pool, HelpdeskEntity child, BackfillCheckpointRepository.ChildBatch batch) {
                pools.get(pool).execute(() -> {
                    try {
                        read(child, batch);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                });
            }

            /**
             * Reads one batch: the children of a ticket page. Where the PSA takes the whole page's ticket ids in one
             * query, the batch's cursor is the last child id read (with id ranges; without, the batch is read from its
             * start again when resumed). Where it takes fewer, the tickets are asked for in groups, in ascending id
             * order, and the cursor is the last ticket whose children were all read.
             */
            private void read(HelpdeskEntity child, BackfillCheckpointRepository.ChildBatch batch) {
                int per = account.reader().capabilities().parentIdsPerQuery(child);
                if (per < batch.ticketIds().size()) {
                    readByTickets(child, batch, per);
                    return;
                }
                boolean ranges = account.reader().capabilities().idRanges();
                String name = Streams.name(child);
                RecordQuery query = RecordQuery.childrenOf(child, batch.ticketIds());
                long cursor = batch.cursor();
                if (ranges) {
                    query = query.inIds(cursor, null);
                }
                while (failure.get() == null && !stopping.stopping()) {
                    Instant askedAt = clock.instant();
                    RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
                    run.checked(child, page);
                    long reached = ranges ? page.lastIdOr(cursor) : 0;
                    MirrorWriteResult result = transactions.execute(status -> {
                        MirrorWriteResult written = Streams.upsert(writer, accountId, child, page.records(), askedAt);
                        checkpoints.saveChildCursor(accountId, origin, name, batch.number(), reached,
                                page.complete(), clock.instant());
                        return written;
                    });
                    run.wrote(name, page.records().size(), result, false);
                    if (page.complete()) {
                        return;
                    }
                    cursor = reached;
                    query = ranges ? query.inIds(cursor, null) : query.continuedAt(page.nextCursor());
                }
            }

            private void readByTickets(HelpdeskEntity child, BackfillCheckpointRepository.ChildBatch batch, int per) {
                String name = Streams.name(child);
                List<Long> open = batch.ticketIds().stream().filter(id -> id > batch.cursor()).sorted().toList();
                if (open.isEmpty()) {
                    checkpoints.saveChildCursor(accountId, origin, name, batch.number(), batch.cursor(), true,
                            clock.instant());
                    return;
                }
                // Written (and checkpointed) every few tickets, not after each: one transaction per request would
                // cost more than the request. A stop re-reads at most these few tickets' children.
                int writeEvery = Math.max(per, TICKETS_PER_WRITE);
                List<HelpdeskRecord> read = new ArrayList<>();
                Instant askedAt = clock.instant();
                int unwritten = 0;
                long reached = batch.cursor();
                for (int from = 0; from < open.size(); from += per) {
                    if (failure.get() != null || stopping.stopping()) {
                        // Stopping: what was read is written first, so the next node does not read it again.
                        if (unwritten > 0) {
                            writeChildren(child, batch, read, askedAt, reached, false);
                        }
                        return;
                    }
                    List<Long> group = open.subList(from, Math.min(from + per, open.size()));
                    RecordQuery query = RecordQuery.childrenOf(child, group);
                    if (read.isEmpty()) {
                        askedAt = clock.instant();
                    }
                    while (true) {
                        RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
                        run.checked(child, page);
                        read.addAll(page.records());
                        if (page.complete()) {
                            break;
                        }
                        query = query.continuedAt(page.nextCursor());
                    }
                    unwritten += group.size();
                    reached = group.get(group.size() - 1);
                    boolean last = from + per >= open.size();
                    if (unwritten >= writeEvery || last) {
                        writeChildren(child, batch, read, askedAt, reached, last);
                        read.clear();
                        unwritten = 0;
                    }
                }
            }

            /** Writes children read for a batch's tickets up to {@code reached}, with the batch's new cursor. */
            private void writeChildren(HelpdeskEntity child, BackfillCheckpointRepository.ChildBatch batch,
                                       List<HelpdeskRecord> read, Instant askedAt, long reached, boolean last) {
                String name = Streams.name(child);
                List<HelpdeskRecord> records = List.copyOf(read);
                MirrorWriteResult result = transactions.execute(status -> {
                    MirrorWriteResult written = Streams.upsert(writer, accountId, child, records, askedAt);
                    checkpoints.saveChildCursor(accountId, origin, name, batch.number(), reached, last,
                            clock.instant());
                    return written;
                });
                run.wrote(name, records.size(), result, false);
            }

            /** Waits until every submitted batch is read (or one failed, or the node stops). */
            void awaitAll() {
                for (ExecutorService pool : pools) {
                    pool.shutdown();
                }
                for (ExecutorService pool : pools) {
                    awaitQuietly(pool);
                }
                rethrow(failure.get());
            }

            /**
             * Waits for the batches in flight without interrupting them: an interrupt inside an embedded H2 write
             * closes the database file for the whole process. They stop on their own after their page once the run
             * failed or the node is stopping.
             */
            void close() {
                if (pools.stream().anyMatch(pool -> !pool.isTerminated()) && failure.get() == null) {
                    // Closed early by a failure elsewhere: make the batches stop after their page.
                    failure.compareAndSet(null, new SyncStopping.RunStopped());
                }
                pools.forEach(ExecutorService::shutdown);
                pools.forEach(BackfillingAccount::awaitQuietly);
            }
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: workers end on their own when done, failed or stopping
            }
        } catch (InterruptedException e) {
            // Left to finish their page on their own (no interrupt: see Children.close).
            Thread.currentThread().interrupt();
            throw new SyncStopping.RunStopped();
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
