package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskReader.IdPage;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Full comparisons of what the PSA has no change log for: helpdesk users (Autotask resources carry no modification
 * time), picklists, and the ticket ids of a PSA without a deletion feed for tickets. A comparison reads the whole listing first; only a listing read to the end is compared, so a
 * failed pass deletes nothing, and the {@link DeleteGuard} refuses to delete more than the configured share at once.
 */
@Component
class ReconcilingListings {

    private static final Logger log = LoggerFactory.getLogger(ReconcilingListings.class);

    private final MirrorWriter writer;
    private final MirrorQueries queries;
    private final SyncStopping stopping;
    private final SyncProperties properties;
    private final Clock clock;

    ReconcilingListings(MirrorWriter writer, MirrorQueries queries, SyncStopping stopping, SyncProperties properties,
                        Clock clock) {
        this.writer = writer;
        this.queries = queries;
        this.stopping = stopping;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Reads every helpdesk user, writes them, and tombstones the mirrored users the listing no longer holds.
     *
     * @param delete false during a backfill's first fill, which only adds
     */
    void helpdeskUsers(ConnectedAccount account, RunLog run, boolean delete) {
        String entity = MirroredEntity.HELPDESK_USERS.name();
        Instant listedAt = clock.instant();
        Set<Long> listed = new HashSet<>();
        RecordQuery query = RecordQuery.all(HelpdeskEntity.HELPDESK_USERS);
        while (true) {
            stopping.check();
            Instant askedAt = clock.instant();
            RecordPage<HelpdeskRecord> page = account.reader().page(account.credentials(), query);
            run.checked(HelpdeskEntity.HELPDESK_USERS, page);
            page.records().forEach(r -> listed.add(r.externalId()));
            page.unreadable().forEach(u -> listed.add(u.externalId())); // listed, so never deleted as missing
            MirrorWriteResult result = Streams.upsert(writer, account.accountId(), HelpdeskEntity.HELPDESK_USERS,
                    page.records(), askedAt);
            run.wrote(entity, page.records().size(), result, true);
            if (page.complete()) {
                break;
            }
            query = query.continuedAt(page.nextCursor());
        }
        if (!delete) {
            return;
        }
        // Only now, with the listing read to the end, is a missing user really gone.
        List<Long> held = queries.liveExternalIds(account.accountId(), MirroredEntity.HELPDESK_USERS);
        List<Long> missing = held.stream().filter(id -> !listed.contains(id)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (!guard().allows(missing.size(), held.size())) {
            refuse(account, run, entity, missing.size(), held.size());
            return;
        }
        MirrorWriteResult result = writer.markDeleted(account.accountId(), MirroredEntity.HELPDESK_USERS, missing,
                listedAt);
        run.wrote(entity, 0, result, false);
        log.info("sync reconcile account={} psa={} entity={} deleted={}", account.accountId(), account.kind(), entity,
                result.deleted());
    }

    /**
     * Reads every picklist and replaces the mirrored values field by field. Values the PSA no longer lists are
     * removed, unless that would remove more than the guard allows across all picklists: then every held value is
     * kept (new and changed values are still written) and the run records a warning.
     */
    void picklists(ConnectedAccount account, RunLog run) {
        stopping.check();
        List<PicklistValue> values = account.reader().picklists(account.credentials());
        Map<List<String>, List<PicklistValue>> byField = new LinkedHashMap<>();
        for (PicklistValue value : values) {
            byField.computeIfAbsent(List.of(value.entity(), value.field()), k -> new ArrayList<>()).add(value);
        }
        long held = 0;
        long removed = 0;
        Map<List<String>, List<PicklistValue>> heldByField = new LinkedHashMap<>();
        for (List<String> field : byField.keySet()) {
            List<PicklistValue> current = queries.picklist(account.accountId(), field.get(0), field.get(1));
            heldByField.put(field, current);
            Set<String> incoming = new HashSet<>();
            byField.get(field).forEach(v -> incoming.add(v.value()));
            held += current.size();
            removed += current.stream().filter(v -> !incoming.contains(v.value())).count();
        }
        boolean mayDelete = guard().allows(removed, held);
        if (!mayDelete) {
            refuse(account, run, "picklist_values", removed, held);
        }
        for (Map.Entry<List<String>, List<PicklistValue>> field : byField.entrySet()) {
            List<PicklistValue> put = new ArrayList<>(field.getValue());
            if (!mayDelete) {
                Set<String> incoming = new HashSet<>();
                put.forEach(v -> incoming.add(v.value()));
                heldByField.get(field.getKey()).stream().filter(v -> !incoming.contains(v.value())).forEach(put::add);
            }
            MirrorWriteResult result = writer.putPicklist(account.accountId(), field.getKey().get(0),
                    field.getKey().get(1), put);
            run.wrote("picklist_values", field.getValue().size(), result, false);
        }
    }

    /** Whether the account's PSA needs this: tickets are synced and no deletion feed names deleted tickets. */
    static boolean ticketIdsNeeded(ConnectedAccount account) {
        return Streams.enabled(account.settings(), HelpdeskEntity.TICKETS)
                && account.reader().deletionFeeds().stream().noneMatch(f -> f.covers(HelpdeskEntity.TICKETS));
    }

    /**
     * For a PSA that keeps no deletion feed for tickets (ConnectWise): lists every ticket id it has (ids only, a page
     * per request), and tombstones the mirrored tickets it no longer lists. Only mirrored tickets with an id at most the
     * largest listed one are compared: a ticket created while the listing ran has a larger id than any it had read.
     */
    void ticketIds(ConnectedAccount account, RunLog run) {
        if (!ticketIdsNeeded(account)) {
            return;
        }
        long accountId = account.accountId();
        String name = Streams.name(HelpdeskEntity.TICKETS);
        Instant listedAt = clock.instant();
        Set<Long> listed = new HashSet<>();
        long largest = 0;
        RecordQuery query = RecordQuery.all(HelpdeskEntity.TICKETS);
        while (true) {
            stopping.check();
            IdPage page = account.reader().ids(account.credentials(), query);
            listed.addAll(page.ids());
            for (long id : page.ids()) {
                largest = Math.max(largest, id);
            }
            if (page.complete()) {
                break;
            }
            query = query.continuedAt(page.nextCursor());
        }
        long upTo = largest;
        List<Long> held = queries.liveExternalIds(accountId, MirroredEntity.TICKETS).stream()
                .filter(id -> id <= upTo).toList();
        List<Long> missing = held.stream().filter(id -> !listed.contains(id)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (!guard().allows(missing.size(), held.size())) {
            refuse(account, run, name, missing.size(), held.size());
            return;
        }
        MirrorWriteResult result = writer.markDeleted(accountId, MirroredEntity.TICKETS, missing, listedAt);
        run.wrote(name, 0, result, false);
        log.info("sync deletes account={} psa={} entity={} tombstoned={} by id comparison", accountId, account.kind(),
                name, result.deleted());
    }

    private DeleteGuard guard() {
        return new DeleteGuard(properties.maxDeleteSharePercent());
    }

    private void refuse(ConnectedAccount account, RunLog run, String entity, long toDelete, long held) {
        log.warn("sync mass-delete refused account={} psa={} entity={} wouldDelete={} held={} maxSharePercent={}",
                account.accountId(), account.kind(), entity, toDelete, held, properties.maxDeleteSharePercent());
        run.warn("Refused to delete " + toDelete + " of " + held + " " + entity + " (more than "
                + properties.maxDeleteSharePercent() + "% at once); nothing was deleted. Check the PSA API user's "
                + "permissions; if the records really are gone, raise horizon.sync.max-delete-share-percent.");
    }
}
