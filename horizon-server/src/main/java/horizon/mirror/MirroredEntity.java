package horizon.mirror;

import static horizon.mirror.Column.bigint;
import static horizon.mirror.Column.bool;
import static horizon.mirror.Column.date;
import static horizon.mirror.Column.decimal;
import static horizon.mirror.Column.instant;
import static horizon.mirror.Column.localDate;
import static horizon.mirror.Column.longOrNull;
import static horizon.mirror.Column.numeric;
import static horizon.mirror.Column.text;
import static horizon.mirror.Column.timestamp;
import static horizon.mirror.Column.varchar;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;

/**
 * One kind of mirrored PSA record and its table: the constants {@link #TICKETS}, {@link #COMPANIES},
 * {@link #CONTACTS}, {@link #HELPDESK_USERS}, {@link #TICKET_NOTES} and {@link #TIME_ENTRIES} name what
 * {@link MirrorWriter} writes and {@link MirrorQueries} reads, type-safely.
 *
 * @param <R> the PSA-neutral record stored in the table
 */
public final class MirroredEntity<R extends HelpdeskRecord> {

    public static final MirroredEntity<HelpdeskTicket> TICKETS = new MirroredEntity<>(
            "tickets",
            List.of(varchar("ticket_number", 100), varchar("title"), text("description"), varchar("status", 100),
                    varchar("priority", 100), bigint("queue_id"), varchar("issue_type", 100), varchar("sub_issue_type", 100),
                    varchar("source", 100), varchar("ticket_type", 100), bigint("company_id"), bigint("contact_id"),
                    bigint("assignee_resource_id"), bigint("assignee_role_id"), timestamp("due_at"),
                    timestamp("created_at"), timestamp("completed_at"), timestamp("last_activity_at")),
            t -> new Object[] {t.number(), t.title(), t.description(), t.status(), t.priority(), t.queueId(),
                    t.issueType(), t.subIssueType(), t.source(), t.ticketType(), t.companyId(), t.contactId(),
                    t.assigneeResourceId(), t.assigneeRoleId(), t.dueAt(), t.createdAt(), t.completedAt(),
                    t.lastActivityAt()},
            (rs, n) -> new HelpdeskTicket(rs.getLong("external_id"), rs.getString("ticket_number"),
                    rs.getString("title"), rs.getString("description"), rs.getString("status"),
                    rs.getString("priority"), longOrNull(rs, "queue_id"), rs.getString("issue_type"),
                    rs.getString("sub_issue_type"), rs.getString("source"), rs.getString("ticket_type"),
                    longOrNull(rs, "company_id"), longOrNull(rs, "contact_id"),
                    longOrNull(rs, "assignee_resource_id"), longOrNull(rs, "assignee_role_id"),
                    instant(rs, "due_at"), instant(rs, "created_at"), instant(rs, "completed_at"),
                    instant(rs, "last_activity_at"), instant(rs, "remote_updated_at"), rs.getString("raw_json")));

    public static final MirroredEntity<HelpdeskCompany> COMPANIES = new MirroredEntity<>(
            "companies",
            List.of(varchar("name"), varchar("company_type", 100), varchar("phone", 100), bool("is_active"),
                    bigint("owner_resource_id"), timestamp("last_activity_at")),
            c -> new Object[] {c.name(), c.type(), c.phone(), c.active(), c.ownerResourceId(), c.lastActivityAt()},
            (rs, n) -> new HelpdeskCompany(rs.getLong("external_id"), rs.getString("name"),
                    rs.getString("company_type"), rs.getString("phone"), rs.getBoolean("is_active"),
                    longOrNull(rs, "owner_resource_id"), instant(rs, "last_activity_at"),
                    instant(rs, "remote_updated_at"), rs.getString("raw_json")));

    public static final MirroredEntity<HelpdeskContact> CONTACTS = new MirroredEntity<>(
            "contacts",
            List.of(bigint("company_id"), varchar("first_name"), varchar("last_name"), varchar("email", 320),
                    varchar("phone", 100), bool("is_active"), timestamp("last_activity_at"), timestamp("last_modified_at")),
            c -> new Object[] {c.companyId(), c.firstName(), c.lastName(), c.email(), c.phone(), c.active(),
                    c.lastActivityAt(), c.lastModifiedAt()},
            (rs, n) -> new HelpdeskContact(rs.getLong("external_id"), longOrNull(rs, "company_id"),
                    rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                    rs.getString("phone"), rs.getBoolean("is_active"), instant(rs, "last_activity_at"),
                    instant(rs, "last_modified_at"), instant(rs, "remote_updated_at"), rs.getString("raw_json")));

    public static final MirroredEntity<HelpdeskUser> HELPDESK_USERS = new MirroredEntity<>(
            "helpdesk_users",
            List.of(varchar("username"), varchar("first_name"), varchar("last_name"), varchar("email", 320),
                    bool("is_active"), varchar("license_type", 100), varchar("user_type", 100), text("roles")),
            u -> new Object[] {u.username(), u.firstName(), u.lastName(), u.email(), u.active(), u.licenseType(),
                    u.userType(), RolesJson.write(u.roles())},
            (rs, n) -> new HelpdeskUser(rs.getLong("external_id"), rs.getString("username"),
                    rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                    rs.getBoolean("is_active"), rs.getString("license_type"), rs.getString("user_type"),
                    RolesJson.read(rs.getString("roles")), instant(rs, "remote_updated_at"),
                    rs.getString("raw_json")));

    public static final MirroredEntity<HelpdeskNote> TICKET_NOTES = new MirroredEntity<>(
            "ticket_notes",
            List.of(bigint("ticket_id"), varchar("title"), text("description"), varchar("note_type", 100),
                    varchar("publish", 100), bigint("creator_resource_id"), timestamp("created_at"),
                    timestamp("last_activity_at")),
            t -> new Object[] {t.ticketId(), t.title(), t.description(), t.noteType(), t.publish(),
                    t.creatorResourceId(), t.createdAt(), t.lastActivityAt()},
            (rs, n) -> new HelpdeskNote(rs.getLong("external_id"), rs.getLong("ticket_id"), rs.getString("title"),
                    rs.getString("description"), rs.getString("note_type"), rs.getString("publish"),
                    longOrNull(rs, "creator_resource_id"), instant(rs, "created_at"),
                    instant(rs, "last_activity_at"), instant(rs, "remote_updated_at"), rs.getString("raw_json")));

    public static final MirroredEntity<HelpdeskTimeEntry> TIME_ENTRIES = new MirroredEntity<>(
            "time_entries",
            List.of(bigint("ticket_id"), bigint("resource_id"), bigint("role_id"), date("date_worked"),
                    timestamp("start_at"), timestamp("end_at"), numeric("hours_worked"), text("summary_notes"),
                    text("internal_notes"), bool("billable"), timestamp("created_at"), timestamp("last_modified_at")),
            t -> new Object[] {t.ticketId(), t.resourceId(), t.roleId(), t.dateWorked(), t.startAt(), t.endAt(),
                    t.hoursWorked(), t.summaryNotes(), t.internalNotes(), t.billable(), t.createdAt(),
                    t.lastModifiedAt()},
            (rs, n) -> new HelpdeskTimeEntry(rs.getLong("external_id"), longOrNull(rs, "ticket_id"),
                    longOrNull(rs, "resource_id"), longOrNull(rs, "role_id"), localDate(rs, "date_worked"),
                    instant(rs, "start_at"), instant(rs, "end_at"), decimal(rs, "hours_worked"),
                    rs.getString("summary_notes"), rs.getString("internal_notes"), rs.getBoolean("billable"),
                    instant(rs, "created_at"), instant(rs, "last_modified_at"), instant(rs, "remote_updated_at"),
                    rs.getString("raw_json")));

    private static final List<MirroredEntity<?>> ALL =
            List.of(HELPDESK_USERS, COMPANIES, CONTACTS, TICKETS, TICKET_NOTES, TIME_ENTRIES);

    private final String name;
    private final List<Column> columns;
    private final Function<R, Object[]> values;
    private final RowMapper<R> rowMapper;

    private MirroredEntity(String name, List<Column> columns, Function<R, Object[]> values, RowMapper<R> rowMapper) {
        this.name = name;
        this.columns = columns;
        this.values = values;
        this.rowMapper = rowMapper;
    }

    /** Every mirrored entity, in backfill (dependency) order. */
    public static List<MirroredEntity<?>> all() {
        return ALL;
    }

    /** The entity whose {@link #name()} is given, e.g. {@code "tickets"}. */
    public static Optional<MirroredEntity<?>> byName(String name) {
        return ALL.stream().filter(e -> e.name.equals(name)).findFirst();
    }

    /** The entity's stable name, which is also its table: {@code tickets}, {@code ticket_notes}… */
    public String name() {
        return name;
    }

    /** The typed columns, in table order (without the key and bookkeeping columns). */
    List<Column> columns() {
        return columns;
    }

    /** The record's typed column values, in {@link #columns()} order, each cut to what its column holds. */
    Object[] values(R record) {
        Object[] row = values.apply(record);
        for (int i = 0; i < row.length; i++) {
            row[i] = columns.get(i).fit(row[i]);
        }
        return row;
    }

    /**
     * Why values of the record do not fit their columns ("status has 140 characters; the first 100 are stored"); empty
     * when all fit. Such a record is stored with what fits.
     */
    public List<String> misfits(R record) {
        Object[] row = values.apply(record);
        List<String> misfits = new java.util.ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            String misfit = columns.get(i).misfit(row[i]);
            if (misfit != null) {
                misfits.add(misfit);
            }
        }
        return misfits;
    }

    RowMapper<R> rowMapper() {
        return rowMapper;
    }

    /** The content hash of a record as this table stores it; see {@link ContentHash}. */
    String contentHash(R record) {
        return ContentHash.of(columns, values(record), record.rawJson());
    }

    @Override
    public String toString() {
        return name;
    }
}
