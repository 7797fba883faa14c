package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.UnreadableRecord;
import horizon.mirror.MirrorOutcome;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Brings records a PSA announced as changed up to date: reads their current versions, as many ids per request as
 * {@link RecordQuery#IDS_PER_QUERY}, and writes them through the mirror's guarded upsert, so a late, repeated or
 * out-of-order announcement can never move a record backwards. An announced id the PSA no longer returns is
 * tombstoned. Notes and time entries of a ticket that changed come along where the PSA does not announce them itself,
 * and all of them for a ticket new to the mirror. This is how the callback pipeline writes; it never trusts an
 * announcement's data.
 */
@Component
public class RefreshingRecords {

    /** Dependency order: a note is kept only when its ticket is mirrored, so tickets go first. */
    private static final List<HelpdeskEntity> ORDER = List.of(HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS,
            HelpdeskEntity.TICKETS, HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES);
    private static final List<HelpdeskEntity> CHILDREN = List.of(HelpdeskEntity.TICKET_NOTES,
            HelpdeskEntity.TIME_ENTRIES);
    private static final Set<MirrorOutcome> CHANGED = Set.of(MirrorOutcome.INSERTED, MirrorOutcome.UPDATED,
            MirrorOutcome.REVIVED);

    /**
     * What became of one announced record: what the mirror did (null when it was left alone), and a note on why.
     */
    public record Refreshed(MirrorOutcome outcome, String note) {

        static Refreshed ignored(String why) {
            return new Refreshed(null, why);
        }
    }

    /**
     * What a refresh did.
     *
     * @param records        by entity and id, what became of every announced record
     * @param requests       PSA requests it took
     * @param perTicketReads tickets whose children were read one ticket per request (what the allowance limits)
     */
    public record Result(Map<HelpdeskEntity, Map<Long, Refreshed>> records, long requests, int perTicketReads) {
    }

    static final String ALREADY_HELD = "The mirror already held this version or a newer one; nothing was read.";

    private final ConnectedAccounts accounts;
    private final Helpdesks helpdesks;
    private final MirrorWriter writer;
    private final MirrorPresence presence;
    private final ComparingChildren children;
    private final Clock clock;

    RefreshingRecords(ConnectedAccounts accounts, Helpdesks helpdesks, MirrorWriter writer, MirrorPresence presence,
                      ComparingChildren children, Clock clock) {
        this.accounts = accounts;
        this.helpdesks = helpdesks;
        this.writer = writer;
        this.presence = presence;
        this.children = children;
        this.clock = clock;
    }

    /**
     * @param announced      by entity, the ids the PSA announced as created, changed or deleted, each with the latest
     *                       time the PSA gave for the change (null when it gave none, and for deletions)
     * @param perTicketReads how many tickets may have their children read one ticket per request now (a PSA that
     *                       lists children only per ticket); the others are left to the next poll, which compares
     *                       the children of every ticket whose version was not compared
     * @param deferChildren  leave the children of updated tickets to the next poll (a burst); those of tickets new to
     *                       the mirror are read all the same
     * @throws horizon.helpdesk.HelpdeskException when the PSA cannot be read (nothing after the failure is written)
     * @throws IllegalStateException              when the account has no connection
     */
    public Result refresh(long accountId, Map<HelpdeskEntity, Map<Long, Instant>> announced, int perTicketReads,
                          boolean deferChildren) {
        ConnectedAccount account = accounts.open(accountId)
                .orElseThrow(() -> new IllegalStateException("The account has no helpdesk connection."));
        long requestsBefore = account.reader().requestsSent(account.credentials());
        Set<HelpdeskEntity> announcedByPsa = helpdesks.adapter(account.kind()).orElseThrow().callbacks().announced();
        Map<HelpdeskEntity, Map<Long, Refreshed>> results = new EnumMap<>(HelpdeskEntity.class);
        Map<Long, MirrorOutcome> tickets = new HashMap<>();
        Map<Long, Instant> versions = new HashMap<>();
        Map<Long, Instant> previous = new HashMap<>();
        for (HelpdeskEntity entity : ORDER) {
            Map<Long, Instant> ids = announced.getOrDefault(entity, Map.of());
            if (ids.isEmpty()) {
                continue;
            }
            Map<Long, Refreshed> outcomes = new HashMap<>();
            results.put(entity, outcomes);
            if (!Streams.enabled(account.settings(), entity)) {
                ids.keySet().forEach(id -> outcomes.put(id, Refreshed.ignored("Not synced: the account's sync "
                        + "settings leave " + Streams.name(entity).replace('_', ' ') + " out.")));
                continue;
            }
            refresh(account, entity, unheld(account, entity, ids, outcomes,
                            entity == HelpdeskEntity.TICKETS ? previous : new HashMap<>()), outcomes,
                    entity == HelpdeskEntity.TICKETS ? versions : new HashMap<>());
            if (entity == HelpdeskEntity.TICKETS) {
                outcomes.forEach((id, result) -> tickets.put(id, result.outcome()));
            }
        }
        int used = comeAlong(account, announcedByPsa, tickets, versions, previous, perTicketReads, deferChildren);
        return new Result(results, account.reader().requestsSent(account.credentials()) - requestsBefore, used);
    }

    /**
     * The ids worth reading: those whose announced change is not older than the version the mirror holds (or of
     * unknown time). A late or repeated announcement of a change the mirror already has costs nothing.
     */
    private TreeSet<Long> unheld(ConnectedAccount account, HelpdeskEntity entity, Map<Long, Instant> ids,
                                 Map<Long, Refreshed> outcomes, Map<Long, Instant> previous) {
        Map<Long, Instant> held = presence.watermarks(account.accountId(), entity, ids.keySet());
        previous.putAll(held);
        TreeSet<Long> due = new TreeSet<>();
        ids.forEach((id, at) -> {
            Instant version = held.get(id);
            // Strictly before: two changes in the same second (ConnectWise's timestamps have no finer grain) share a
            // timestamp, and the later one must still be read.
            if (at != null && version != null && at.isBefore(version)) {
                outcomes.put(id, new Refreshed(MirrorOutcome.UNCHANGED, ALREADY_HELD));
            } else {
                due.add(id);
            }
        });
        return due;
    }

    private void refresh(ConnectedAccount account, HelpdeskEntity entity, TreeSet<Long> ids,
                         Map<Long, Refreshed> outcomes, Map<Long, Instant> versions) {
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += RecordQuery.IDS_PER_QUERY) {
            List<Long> batch = all.subList(from, Math.min(from + RecordQuery.IDS_PER_QUERY, all.size()));
            Instant askedAt = clock.instant();
            List<UnreadableRecord> unreadable = new ArrayList<>();
            List<HelpdeskRecord> found = read(account, RecordQuery.byIds(entity, batch), unreadable);
            List<HelpdeskRecord> kept = keptChildren(account, entity, found, outcomes);
            Set<Long> returned = new HashSet<>();
            // Sent but unreadable: it exists, so it is not gone; the announcement fails with the adapter's words.
            unreadable.forEach(u -> {
                returned.add(u.externalId());
                outcomes.put(u.externalId(), Refreshed.ignored(u.reason()));
            });
            found.forEach(r -> {
                returned.add(r.externalId());
                versions.put(r.externalId(), r.remoteUpdatedAt());
            });
            if (!kept.isEmpty()) {
                Streams.upsert(writer, account.accountId(), entity, kept, askedAt,
                        (id, outcome) -> outcomes.put(id, new Refreshed(outcome, null)));
            }
            List<Long> gone = batch.stream().filter(id -> !returned.contains(id)).toList();
            if (!gone.isEmpty()) {
                writer.markDeleted(account.accountId(), Streams.mirrored(entity), gone, clock.instant(),
                        (id, outcome) -> outcomes.put(id, new Refreshed(outcome, null)));
            }
        }
    }

    private List<HelpdeskRecord> read(ConnectedAccount account, RecordQuery first, List<UnreadableRecord> unreadable) {
        List<HelpdeskRecord> records = new ArrayList<>();
        RecordQuery query = first;
        while (true) {
            RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
            records.addAll(page.records());
            unreadable.addAll(page.unreadable());
            if (page.complete()) {
                return records;
            }
            query = query.continuedAt(page.nextCursor());
        }
    }

    /** Notes and time entries are kept only for mirrored tickets, as a poll keeps them. */
    private List<HelpdeskRecord> keptChildren(ConnectedAccount account, HelpdeskEntity entity,
                                              List<HelpdeskRecord> found, Map<Long, Refreshed> outcomes) {
        if (!CHILDREN.contains(entity) || found.isEmpty()) {
            return found;
        }
        Set<Long> mirrored = presence.liveTickets(account.accountId(),
                found.stream().map(PollingAccount::ticketOf).filter(id -> id != null).toList());
        List<HelpdeskRecord> kept = new ArrayList<>();
        for (HelpdeskRecord record : found) {
            Long ticket = PollingAccount.ticketOf(record);
            if (ticket != null && mirrored.contains(ticket)) {
                kept.add(record);
            } else {
                outcomes.put(record.externalId(), Refreshed.ignored("Its ticket is not mirrored (outside the ingest "
                        + "window, or not a ticket's)."));
            }
        }
        return kept;
    }

    /**
     * Children of changed tickets the PSA does not announce come along. Where the PSA can read them on a watermark and
     * logs their deletions (Autotask's time entries), only those changed since the ticket's previous version are read,
     * for many tickets per request; otherwise they are read to the end and compared. A ticket new to the mirror has
     * all its children read and compared, whatever the PSA announces. Where the PSA lists them one ticket per request
     * (ConnectWise notes), only as many tickets as the allowance permits, new ones first; the next poll compares the
     * rest. During a burst only the children of arrived tickets are read; updated ones wait for the poll. Tickets whose
     * children were all compared are marked as read at their version.
     *
     * @return tickets read one per request
     */
    private int comeAlong(ConnectedAccount account, Set<HelpdeskEntity> announcedByPsa,
                          Map<Long, MirrorOutcome> tickets, Map<Long, Instant> versions, Map<Long, Instant> previous,
                          int perTicketReads, boolean deferChildren) {
        if (tickets.isEmpty()) {
            return 0;
        }
        List<Long> arrived = tickets.entrySet().stream().filter(e -> e.getValue() == MirrorOutcome.INSERTED
                || e.getValue() == MirrorOutcome.REVIVED).map(Map.Entry::getKey).sorted().toList();
        List<Long> updated = deferChildren ? List.of() : tickets.entrySet().stream()
                .filter(e -> e.getValue() == MirrorOutcome.UPDATED).map(Map.Entry::getKey).sorted().toList();
        List<Long> changed = new ArrayList<>(arrived);
        changed.addAll(updated);
        Set<Long> complete = new HashSet<>(changed);
        Instant readAt = clock.instant();
        int used = 0;
        for (HelpdeskEntity child : CHILDREN) {
            if (!Streams.enabled(account.settings(), child)) {
                continue;
            }
            if (announcedByPsa.contains(child)) {
                children.compare(account, WriteTally.NONE, child, arrived, ticketId -> readAt);
                continue;
            }
            if (followed(account, child)) {
                children.compare(account, WriteTally.NONE, child, arrived, ticketId -> readAt);
                readChangedSince(account, child, updated, previous);
                continue;
            }
            List<Long> due = changed;
            if (account.reader().capabilities().parentIdsPerQuery(child) == 1) {
                List<Long> now = due.subList(0, Math.min(due.size(), Math.max(0, perTicketReads - used)));
                complete.removeAll(due.subList(now.size(), due.size()));
                due = now;
                used += now.size();
            }
            children.compare(account, WriteTally.NONE, child, due, ticketId -> readAt);
        }
        Map<Long, Instant> read = new HashMap<>();
        complete.forEach(id -> {
            if (versions.get(id) != null) {
                read.put(id, versions.get(id));
            }
        });
        writer.childrenRead(account.accountId(), read);
        return used;
    }

    /** Whether the PSA reads this child on a watermark and logs its deletions: then changes can be read, not lists. */
    private static boolean followed(ConnectedAccount account, HelpdeskEntity child) {
        return account.reader().capabilities().watermarked(child)
                && account.reader().deletionFeeds().stream().anyMatch(feed -> feed.covers(child));
    }

    /**
     * Children of updated tickets changed since the oldest of their previous versions, as many tickets per query as
     * the PSA allows.
     */
    private void readChangedSince(ConnectedAccount account, HelpdeskEntity child, List<Long> updated,
                                  Map<Long, Instant> previous) {
        int per = account.reader().capabilities().parentIdsPerQuery(child);
        for (int from = 0; from < updated.size(); from += per) {
            List<Long> batch = updated.subList(from, Math.min(from + per, updated.size()));
            Instant since = batch.stream().map(previous::get).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo).orElse(null);
            RecordQuery query = RecordQuery.childrenOf(child, batch);
            if (since != null) {
                query = new RecordQuery(child, since, null, 0, null, batch, null);
            }
            children.readAll(account, WriteTally.NONE, query, r -> { });
        }
    }
}
