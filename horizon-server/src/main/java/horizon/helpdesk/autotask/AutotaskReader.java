package horizon.helpdesk.autotask;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskDeletion;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.ReaderCapabilities;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.UnreadableRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an Autotask database for the sync engine: id-cursor pages of 500 through {@code POST {Entity}/query}, counts,
 * picklists from {@code entityInformation/fields}, the deletion logs and ThresholdInformation, every request through
 * the tenant's {@link AutotaskRateGate}.
 *
 * <p>Watermarks: tickets, notes, companies and contacts filter on {@code lastActivityDate} (contacts also have
 * {@code lastModifiedDate}, which moves only for changes to the contact itself; {@code lastActivityDate} covers both),
 * time entries on {@code lastModifiedDateTime}. Resources have no change date: a {@code changedSince} on helpdesk users
 * is ignored and every resource is read.
 */
@Component
class AutotaskReader implements HelpdeskReader {

    /** The entities whose picklists Horizon mirrors. */
    static final List<AutotaskCollection> PICKLIST_ENTITIES = List.of(AutotaskCollection.TICKETS,
            AutotaskCollection.TICKET_NOTES, AutotaskCollection.TIME_ENTRIES, AutotaskCollection.COMPANIES,
            AutotaskCollection.CONTACTS);

    /** Deleted tickets, by id. */
    static final DeletionFeed DELETED_TICKETS = new DeletionFeed("deleted_tickets", Set.of(HelpdeskEntity.TICKETS));
    /** Deleted notes and time entries, by the ticket they belonged to. */
    static final DeletionFeed DELETED_ACTIVITY = new DeletionFeed("deleted_ticket_activity",
            Set.of(HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES));

    private static final Logger log = LoggerFactory.getLogger(AutotaskReader.class);
    private static final int PAGE = 500;
    private static final ReaderCapabilities CAPABILITIES = new ReaderCapabilities(PAGE, true, true,
            Map.of(HelpdeskEntity.TICKET_NOTES, 500, HelpdeskEntity.TIME_ENTRIES, 500),
            Set.of(HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS, HelpdeskEntity.TICKETS,
                    HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES));

    private final AutotaskApi api;
    /** DeletedTicketActivityLogs typeID codes per tenant: read once, they are system values. */
    private final Map<HelpdeskCredentials, Map<Long, HelpdeskEntity>> activityTypes = new ConcurrentHashMap<>();

    AutotaskReader(AutotaskApi api) {
        this.api = api;
    }

    @Override
    public ReaderCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<PicklistDefinition> picklistDefinitions() {
        return AutotaskPicklists.DEFINITIONS;
    }

    @Override
    public List<DeletionFeed> deletionFeeds() {
        return List.of(DELETED_TICKETS, DELETED_ACTIVITY);
    }

    @Override
    public long count(HelpdeskCredentials credentials, RecordQuery query) {
        AutotaskCollection collection = AutotaskCollection.of(query.entity());
        ObjectNode body = search(collection, query).count();
        return api.count(credentials, collection.path() + "/query/count", body);
    }

    @Override
    public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
        AutotaskCollection collection = AutotaskCollection.of(query.entity());
        RecordQuery from = resumed(query);
        Batch batch = query(credentials, collection, search(collection, from), from.idAbove());
        List<HelpdeskRecord> records = new ArrayList<>(batch.items().size());
        List<UnreadableRecord> unreadable = new ArrayList<>();
        Map<Long, List<HelpdeskUser.Role>> roles = query.entity() == HelpdeskEntity.HELPDESK_USERS
                ? rolesOf(credentials, batch.items()) : Map.of();
        for (JsonNode item : batch.items()) {
            try {
                records.add(query.entity() == HelpdeskEntity.HELPDESK_USERS
                        ? AutotaskRecords.user(item, roles.getOrDefault(item.path("id").asLong(), List.of()))
                        : map(query.entity(), item));
            } catch (RuntimeException malformed) {
                // One record Horizon cannot read must not hold up the others: it is left out and quarantined.
                unreadable.add(new UnreadableRecord(query.entity(), item.path("id").asLong(0),
                        "Autotask sent a " + collection.path() + " record Horizon cannot read: "
                                + malformed.getMessage(), AutotaskRecords.raw(item)));
            }
        }
        // at most 500 named ids match at most one page of 500, whatever nextPageUrl says
        boolean complete = batch.complete() || !query.ids().isEmpty();
        log.debug("autotask read entity={} records={} lastId={} complete={}", collection.path(), records.size(),
                batch.lastId(), complete);
        return new RecordPage<>(records, complete ? null : Long.toString(batch.lastId()), unreadable);
    }

    /** The id cursor: Autotask pages by {@code id gt}, so a cursor is the last id read. */
    private static RecordQuery resumed(RecordQuery query) {
        long after = query.cursor() == null ? query.idAbove() : Math.max(query.idAbove(), Long.parseLong(query.cursor()));
        return query.inIds(after, query.idAtMost());
    }

    /** Autotask has no id-only listing worth the name; a page of records is the same one request. */
    @Override
    public IdPage ids(HelpdeskCredentials credentials, RecordQuery query) {
        RecordPage<HelpdeskRecord> page = page(credentials, query);
        return new IdPage(page.records().stream().map(HelpdeskRecord::externalId).sorted().toList(),
                page.nextCursor());
    }

    /** One {@code Tickets/query} with {@code ticketNumber eq <number>}. */
    @Override
    public Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber) {
        Batch batch = query(credentials, AutotaskCollection.TICKETS, AutotaskSearch.ticketNumber(ticketNumber), 0);
        for (JsonNode item : batch.items()) {
            try {
                return Optional.of(AutotaskRecords.ticket(item));
            } catch (IllegalArgumentException unreadable) {
                throw HelpdeskException.answered(Kind.TRANSIENT, "Autotask sent a Tickets record (id "
                        + item.path("id").asLong() + ") Horizon cannot read: " + unreadable.getMessage(), 200, null);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<PicklistValue> picklists(HelpdeskCredentials credentials) {
        List<PicklistValue> values = new ArrayList<>();
        for (AutotaskCollection collection : PICKLIST_ENTITIES) {
            values.addAll(picklists(credentials, collection));
        }
        return List.copyOf(values);
    }

    /** Every picklist value of one entity's fields, inactive ones included (one {@code entityInformation/fields}). */
    List<PicklistValue> picklists(HelpdeskCredentials credentials, AutotaskCollection collection) {
        List<PicklistValue> values = new ArrayList<>();
        for (JsonNode field : fields(credentials, collection)) {
            if (!field.path("isPickList").asBoolean(false) || !field.path("picklistValues").isArray()) {
                continue;
            }
            String name = field.path("name").asString();
            field.path("picklistValues").forEach(value ->
                    values.add(AutotaskRecords.picklistValue(collection.path(), name, value)));
        }
        return List.copyOf(values);
    }

    /**
     * Deleted tickets come with their id. Deleted notes and time entries do not: Autotask's DeletedTicketActivityLogs
     * names only the ticket (and the note's title, creator and times), so those deletions carry the ticket id and
     * {@link HelpdeskDeletion#UNKNOWN_ID}, and the sync engine re-reads that ticket's notes or time entries. Deleted
     * attachments are skipped (Horizon does not mirror them) but advance the cursor.
     */
    @Override
    public DeletionPage deletions(HelpdeskCredentials credentials, DeletionFeed feed, Instant since,
                                  long afterLogId) {
        boolean tickets = feed.equals(DELETED_TICKETS);
        if (!tickets && !feed.equals(DELETED_ACTIVITY)) {
            throw new IllegalArgumentException("Autotask has no deletion feed " + feed.name());
        }
        AutotaskCollection collection = tickets
                ? AutotaskCollection.DELETED_TICKET_LOGS : AutotaskCollection.DELETED_TICKET_ACTIVITY_LOGS;
        AutotaskSearch search = AutotaskSearch.where().idAbove(afterLogId);
        if (since != null) {
            search.since(collection.watermark(), since);
        }
        Batch batch = query(credentials, collection, search, afterLogId);
        Map<Long, HelpdeskEntity> types = tickets ? Map.of() : activityTypes(credentials);
        List<HelpdeskDeletion> deletions = new ArrayList<>();
        for (JsonNode item : batch.items()) {
            long logId = item.path("id").asLong();
            Instant deletedAt = AutotaskRecords.instant(item, "deletedDateTime");
            Long ticketId = AutotaskRecords.id(item, "ticketID");
            if (tickets) {
                deletions.add(new HelpdeskDeletion(logId, HelpdeskEntity.TICKETS, ticketId == null ? 0 : ticketId,
                        deletedAt));
                continue;
            }
            Long type = AutotaskRecords.id(item, "typeID");
            HelpdeskEntity entity = type == null ? null : types.get(type);
            if (entity != null && ticketId != null) {
                deletions.add(new HelpdeskDeletion(logId, entity, HelpdeskDeletion.UNKNOWN_ID, deletedAt, ticketId));
            }
        }
        return new DeletionPage(deletions, batch.lastId(), batch.complete());
    }

    @Override
    public Optional<ApiBudget> budget(HelpdeskCredentials credentials) {
        return Optional.of(api.budget(credentials));
    }

    @Override
    public int requestsInLastHour(HelpdeskCredentials credentials) {
        return api.requestsInLastHour(credentials);
    }

    @Override
    public long requestsSent(HelpdeskCredentials credentials) {
        return api.requestsSent(credentials);
    }

    private static AutotaskSearch search(AutotaskCollection collection, RecordQuery query) {
        boolean dated = query.changedSince() != null || query.changedBefore() != null;
        RecordQuery effective = collection.watermark() == null && dated
                ? new RecordQuery(query.entity(), null, null, query.idAbove(), query.idAtMost(), query.ticketIds(), null,
                        query.ids())
                : query;
        return AutotaskSearch.of(collection, effective);
    }

    /** One page of raw items, its largest id (or the cursor when empty), and whether nothing more matches. */
    private record Batch(List<JsonNode> items, long lastId, boolean complete) {
    }

    private Batch query(HelpdeskCredentials credentials, AutotaskCollection collection, AutotaskSearch search,
                        long cursor) {
        ObjectNode body = search.page(PAGE);
        JsonNode answer = api.query(credentials, collection.path() + "/query", body);
        List<JsonNode> items = new ArrayList<>();
        long lastId = cursor;
        for (JsonNode item : answer.path("items")) {
            items.add(item);
            lastId = Math.max(lastId, item.path("id").asLong());
        }
        JsonNode next = answer.path("pageDetails").path("nextPageUrl");
        boolean complete = items.size() < PAGE || next.isNull() || next.isMissingNode() || next.asString().isBlank();
        return new Batch(items, lastId, complete);
    }

    /** The roles of a page of resources: one ResourceRoles query per 500 roles, never one per resource. */
    private Map<Long, List<HelpdeskUser.Role>> rolesOf(HelpdeskCredentials credentials, List<JsonNode> resources) {
        Map<Long, List<HelpdeskUser.Role>> roles = new HashMap<>();
        if (resources.isEmpty()) {
            return roles;
        }
        List<Long> ids = resources.stream().map(r -> r.path("id").asLong()).toList();
        long cursor = 0;
        while (true) {
            AutotaskSearch search = AutotaskSearch.where().idAbove(cursor).in("resourceID", ids);
            Batch batch = query(credentials, AutotaskCollection.RESOURCE_ROLES, search, cursor);
            for (JsonNode item : batch.items()) {
                roles.computeIfAbsent(item.path("resourceID").asLong(), id -> new ArrayList<>())
                        .add(AutotaskRecords.role(item));
            }
            if (batch.complete() || batch.lastId() == cursor) {
                return roles;
            }
            cursor = batch.lastId();
        }
    }

    private JsonNode fields(HelpdeskCredentials credentials, AutotaskCollection collection) {
        return api.get(credentials, collection.path() + "/entityInformation/fields").path("fields");
    }

    /**
     * What each DeletedTicketActivityLogs typeID stands for, from its picklist labels (Note, Time Entry,
     * Attachment); the codes 1 and 2 are assumed only when the labels say nothing.
     */
    private Map<Long, HelpdeskEntity> activityTypes(HelpdeskCredentials credentials) {
        Map<Long, HelpdeskEntity> known = activityTypes.get(credentials);
        if (known != null) {
            return known;
        }
        Map<Long, HelpdeskEntity> types = new LinkedHashMap<>();
        for (JsonNode field : fields(credentials, AutotaskCollection.DELETED_TICKET_ACTIVITY_LOGS)) {
            if (!field.path("name").asString("").equalsIgnoreCase("typeID")) {
                continue;
            }
            for (JsonNode value : field.path("picklistValues")) {
                String label = value.path("label").asString("").toLowerCase(Locale.ROOT);
                long code = Long.parseLong(value.path("value").asString("0").strip());
                if (label.contains("time")) {
                    types.put(code, HelpdeskEntity.TIME_ENTRIES);
                } else if (label.contains("note")) {
                    types.put(code, HelpdeskEntity.TICKET_NOTES);
                }
            }
        }
        if (types.isEmpty()) {
            log.info("autotask DeletedTicketActivityLogs typeID labels not recognised; assuming 1 = note, 2 = time entry");
            types.put(1L, HelpdeskEntity.TICKET_NOTES);
            types.put(2L, HelpdeskEntity.TIME_ENTRIES);
        }
        Map<Long, HelpdeskEntity> frozen = Map.copyOf(types);
        activityTypes.put(credentials, frozen);
        return frozen;
    }

    private static HelpdeskRecord map(HelpdeskEntity entity, JsonNode item) {
        return switch (entity) {
            case TICKETS -> AutotaskRecords.ticket(item);
            case TICKET_NOTES -> AutotaskRecords.note(item);
            case TIME_ENTRIES -> AutotaskRecords.timeEntry(item);
            case COMPANIES -> AutotaskRecords.company(item);
            case CONTACTS -> AutotaskRecords.contact(item);
            case HELPDESK_USERS -> throw new IllegalStateException("users are mapped with their roles");
        };
    }
}
