package horizon.mirror;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads the mirror for the REST API, the pages and the sync engine. Every query is scoped to one account and,
 * unless it says otherwise, sees live rows only (tombstoned rows are invisible).
 */
@Component
public class MirrorQueries {

    static final RowMapper<PicklistValue> PICKLIST_VALUE = (rs, n) -> new PicklistValue(rs.getString("entity"),
            rs.getString("field"), rs.getString("code"), rs.getString("label"), rs.getBoolean("is_active"),
            rs.getBoolean("is_default"), rs.getInt("sort_order"), rs.getString("parent_value"));

    private static final String LIVE = "select * from %s where account_id = ? and deleted_at is null";

    private static final String COUNT = """
            select count(*) as total, count(deleted_at) as tombstoned
              from %s
             where account_id = ?
            """;

    private static final String PICKLIST = """
            select * from picklist_values
             where account_id = ? and entity = ? and field = ?
             order by sort_order, code
            """;

    private static final String ALL_PICKLISTS = """
            select * from picklist_values
             where account_id = ?
             order by entity, field, sort_order, code
            """;

    private static final String PICKLIST_COUNT = "select count(*) from picklist_values where account_id = ?";

    private final JdbcTemplate jdbc;

    public MirrorQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of live tickets matching the filter. */
    public MirrorPage<HelpdeskTicket> tickets(long accountId, TicketFilter filter) {
        StringBuilder sql = new StringBuilder(LIVE.formatted(MirroredEntity.TICKETS.name()));
        List<Object> args = new ArrayList<>(List.of(accountId));
        if (!filter.statuses().isEmpty()) {
            sql.append(" and status in (").append(placeholders(filter.statuses().size())).append(')');
            args.addAll(filter.statuses().stream().sorted().toList());
        }
        if (filter.queueId() != null) {
            sql.append(" and queue_id = ?");
            args.add(filter.queueId());
        }
        if (filter.assigneeResourceId() != null) {
            sql.append(" and assignee_resource_id = ?");
            args.add(filter.assigneeResourceId());
        }
        if (filter.unassigned()) {
            sql.append(" and assignee_resource_id is null");
        }
        if (filter.search() != null) {
            sql.append(" and (ticket_number = ? or lower(title) like ? escape '\\')");
            args.add(filter.search());
            args.add("%" + escapeLike(filter.search().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.updatedSince() != null) {
            sql.append(" and remote_updated_at >= ?");
            args.add(utc(filter.updatedSince()));
        }
        if (filter.afterExternalId() != null) {
            sql.append(" and external_id > ?");
            args.add(filter.afterExternalId());
        }
        sql.append(filter.order() == TicketFilter.Order.ID
                ? " order by external_id"
                : " order by remote_updated_at desc, external_id desc");
        return page(sql, args, filter.offset(), filter.limit(), MirroredEntity.TICKETS.rowMapper());
    }

    /** One live ticket with its live notes and time entries. */
    public Optional<TicketDetail> ticketDetail(long accountId, long ticketId) {
        return find(accountId, MirroredEntity.TICKETS, ticketId)
                .map(ticket -> new TicketDetail(ticket, notes(accountId, ticketId), timeEntries(accountId, ticketId)));
    }

    /** The ticket with this PSA id or ticket number, tombstoned or not, as the mirror holds it. */
    public Optional<MirrorRowState> ticketState(long accountId, Long externalId, String number) {
        return jdbc.query("""
                        select external_id, ticket_number, title, remote_updated_at, mirrored_at, deleted_at
                          from tickets
                         where account_id = ? and (external_id = ? or ticket_number = ?)
                         order by deleted_at nulls first, external_id
                        """, (rs, n) -> new MirrorRowState(rs.getLong("external_id"), rs.getString("ticket_number"),
                        rs.getString("title"), Column.instant(rs, "remote_updated_at"),
                        Column.instant(rs, "mirrored_at"), Column.instant(rs, "deleted_at")),
                accountId, externalId == null ? -1L : externalId, number == null ? "" : number).stream().findFirst();
    }

    /**
     * The tickets with these PSA ids in brief, tombstoned ones included, keyed by id; an id the mirror never held (or
     * no longer holds) is absent. One query per 500 ids.
     */
    public Map<Long, TicketSummary> ticketSummaries(long accountId, Collection<Long> externalIds) {
        List<Long> ids = new ArrayList<>(new TreeSet<>(externalIds));
        Map<Long, TicketSummary> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += MirrorWriter.BATCH_SIZE) {
            List<Long> batch = ids.subList(from, Math.min(from + MirrorWriter.BATCH_SIZE, ids.size()));
            List<Object> args = new ArrayList<>(List.of(accountId));
            args.addAll(batch);
            jdbc.query("""
                            select external_id, ticket_number, title, completed_at, deleted_at
                              from tickets
                             where account_id = ? and external_id in (%s)
                            """.formatted(placeholders(batch.size())),
                    rs -> {
                        TicketSummary ticket = new TicketSummary(rs.getLong("external_id"),
                                rs.getString("ticket_number"), rs.getString("title"),
                                Column.instant(rs, "completed_at"), Column.instant(rs, "deleted_at"));
                        found.put(ticket.externalId(), ticket);
                    }, args.toArray());
        }
        return found;
    }

    /** The live ticket with this number (e.g. {@code T20250915.0001}). */
    public Optional<HelpdeskTicket> ticketByNumber(long accountId, String number) {
        return jdbc.query(LIVE.formatted(MirroredEntity.TICKETS.name()) + " and ticket_number = ? order by external_id",
                        MirroredEntity.TICKETS.rowMapper(), accountId, number)
                .stream().findFirst();
    }

    /** A ticket's live notes, oldest first. */
    public List<HelpdeskNote> notes(long accountId, long ticketId) {
        return jdbc.query(LIVE.formatted(MirroredEntity.TICKET_NOTES.name())
                        + " and ticket_id = ? order by created_at, external_id",
                MirroredEntity.TICKET_NOTES.rowMapper(), accountId, ticketId);
    }

    /** A ticket's live time entries, by date worked. */
    public List<HelpdeskTimeEntry> timeEntries(long accountId, long ticketId) {
        return jdbc.query(LIVE.formatted(MirroredEntity.TIME_ENTRIES.name())
                        + " and ticket_id = ? order by date_worked, start_at, external_id",
                MirroredEntity.TIME_ENTRIES.rowMapper(), accountId, ticketId);
    }

    /**
     * A page of live companies by id.
     *
     * @param nameContains case-insensitive part of the name, or {@code null} for all
     */
    public MirrorPage<HelpdeskCompany> companies(long accountId, String nameContains, Long afterExternalId, int limit) {
        StringBuilder sql = new StringBuilder(LIVE.formatted(MirroredEntity.COMPANIES.name()));
        List<Object> args = new ArrayList<>(List.of(accountId));
        if (nameContains != null && !nameContains.isBlank()) {
            sql.append(" and lower(name) like ? escape '\\'");
            args.add("%" + escapeLike(nameContains.toLowerCase(Locale.ROOT)) + "%");
        }
        return keysetPage(sql, args, afterExternalId, limit, MirroredEntity.COMPANIES.rowMapper());
    }

    /**
     * A page of live contacts by id.
     *
     * @param companyId only this company's contacts, or {@code null} for all
     */
    public MirrorPage<HelpdeskContact> contacts(long accountId, Long companyId, Long afterExternalId, int limit) {
        StringBuilder sql = new StringBuilder(LIVE.formatted(MirroredEntity.CONTACTS.name()));
        List<Object> args = new ArrayList<>(List.of(accountId));
        if (companyId != null) {
            sql.append(" and company_id = ?");
            args.add(companyId);
        }
        return keysetPage(sql, args, afterExternalId, limit, MirroredEntity.CONTACTS.rowMapper());
    }

    /** Every live helpdesk user by last and first name; a few hundred at most per PSA, so not paged. */
    public List<HelpdeskUser> helpdeskUsers(long accountId, boolean activeOnly) {
        return jdbc.query(LIVE.formatted(MirroredEntity.HELPDESK_USERS.name())
                        + (activeOnly ? " and is_active = true" : "")
                        + " order by last_name, first_name, external_id",
                MirroredEntity.HELPDESK_USERS.rowMapper(), accountId);
    }

    /** The live record of this entity with this PSA id. */
    public <R extends HelpdeskRecord> Optional<R> find(long accountId, MirroredEntity<R> entity, long externalId) {
        return jdbc.query(LIVE.formatted(entity.name()) + " and external_id = ?", entity.rowMapper(),
                accountId, externalId).stream().findFirst();
    }

    /**
     * Every live record of an entity, by id. Meant for convergence checks and tests that compare the mirror
     * with the PSA's state; it loads the whole table of the account into memory.
     */
    public <R extends HelpdeskRecord> List<R> loadAll(long accountId, MirroredEntity<R> entity) {
        return jdbc.query(LIVE.formatted(entity.name()) + " order by external_id", entity.rowMapper(), accountId);
    }

    /** The ids of every live record of an entity, ascending; what a full reconciliation compares with the PSA. */
    public List<Long> liveExternalIds(long accountId, MirroredEntity<?> entity) {
        return jdbc.queryForList("select external_id from " + entity.name()
                + " where account_id = ? and deleted_at is null order by external_id", Long.class, accountId);
    }

    /** Live and tombstoned rows of one entity. */
    public EntityCount count(long accountId, MirroredEntity<?> entity) {
        return jdbc.queryForObject(COUNT.formatted(entity.name()), (rs, n) -> {
            long total = rs.getLong("total");
            long tombstoned = rs.getLong("tombstoned");
            return new EntityCount(entity.name(), total - tombstoned, tombstoned);
        }, accountId);
    }

    /** Counts for every mirrored entity, in backfill order, then the number of picklist values. */
    public List<EntityCount> counts(long accountId) {
        List<EntityCount> counts = new ArrayList<>();
        for (MirroredEntity<?> entity : MirroredEntity.all()) {
            counts.add(count(accountId, entity));
        }
        Long picklistValues = jdbc.queryForObject(PICKLIST_COUNT, Long.class, accountId);
        counts.add(new EntityCount("picklist_values", picklistValues == null ? 0 : picklistValues, 0));
        return counts;
    }

    /** Every value of one picklist field, in the PSA's order, inactive ones included. */
    public List<PicklistValue> picklist(long accountId, String entity, String field) {
        return jdbc.query(PICKLIST, PICKLIST_VALUE, accountId, entity, field);
    }

    /** Every mirrored picklist of the account, by entity and field, with its last refresh. */
    public List<PicklistField> picklists(long accountId) {
        Map<List<String>, List<PicklistValue>> values = new LinkedHashMap<>();
        Map<List<String>, Instant> refreshed = new LinkedHashMap<>();
        jdbc.query(ALL_PICKLISTS, rs -> {
            PicklistValue value = PICKLIST_VALUE.mapRow(rs, 0);
            List<String> key = List.of(value.entity(), value.field());
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            Instant at = Column.instant(rs, "refreshed_at");
            refreshed.merge(key, at, (a, b) -> a.isBefore(b) ? a : b);
        }, accountId);
        List<PicklistField> fields = new ArrayList<>();
        values.forEach((key, list) -> fields.add(new PicklistField(key.get(0), key.get(1), list, refreshed.get(key))));
        return fields;
    }

    private <T extends HelpdeskRecord> MirrorPage<T> keysetPage(
            StringBuilder sql, List<Object> args, Long afterExternalId, int limit, RowMapper<T> mapper) {
        if (afterExternalId != null) {
            sql.append(" and external_id > ?");
            args.add(afterExternalId);
        }
        sql.append(" order by external_id");
        return page(sql, args, 0, limit, mapper);
    }

    private <T extends HelpdeskRecord> MirrorPage<T> page(
            StringBuilder sql, List<Object> args, int offset, int limit, RowMapper<T> mapper) {
        if (limit < 1 || limit > TicketFilter.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + TicketFilter.MAX_LIMIT + ", was " + limit);
        }
        // One row more than asked tells whether another page follows.
        sql.append(" limit ? offset ?");
        args.add(limit + 1);
        args.add(offset);
        List<T> rows = jdbc.query(sql.toString(), mapper, args.toArray());
        boolean hasMore = rows.size() > limit;
        return new MirrorPage<>(hasMore ? rows.subList(0, limit) : rows, hasMore);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
