package horizon.simulator.autotask.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates, updates and deletes records with Autotask's business rules and server-maintained fields, for the REST API,
 * the control API and the activity generator alike, and publishes every applied change.
 */
public final class RecordWrites {
    static final String NO_MATCH_ON_DELETE =
            "No message. No matching records found. The logged in Resource may not have the required permissions to delete the data.";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Database db;

    public RecordWrites(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** Creates a record from a JSON body (names in any case); a child's parent id comes from the URL when given. */
    public long create(EntitySchema schema, ObjectNode body, Actor actor, Long parentId) {
        return db.write(() -> {
            Object[] values = new Object[schema.fields().size()];
            Map<String, String> udfs = new HashMap<>();
            bind(schema, body, values, udfs, true);
            if (schema.isChild() && parentId != null) {
                values[schema.require(schema.parentField()).index()] = parentId;
            }
            Instant now = db.now();
            long id = db.allocateId(schema.name());
            values[0] = id;
            applyCreateRules(schema, values, actor, now);
            Row row = new Row(values, udfs);
            db.put(schema.name(), row);
            afterWrite(schema, null, row, actor, now);
            Set<String> set = new LinkedHashSet<>();
            for (FieldDef f : schema.fields()) {
                if (values[f.index()] != null) {
                    set.add(f.name());
                }
            }
            db.publish(schema, "Create", row, set, actor.personId());
            return id;
        });
    }

    /**
     * Updates a record: PATCH changes only the fields sent, PUT ({@code replace}) also sets omitted writable fields to
     * null. The body must carry the id.
     */
    public long update(EntitySchema schema, ObjectNode body, Actor actor, boolean replace, Long parentId) {
        JsonNode idNode = property(body, "id");
        if (idNode == null || idNode.isNull()) {
            throw new RuleViolation("The id field is required for an update.");
        }
        long id = idNode.asLong();
        return db.write(() -> {
            Row old = db.get(schema.name(), id);
            if (old == null || (parentId != null && schema.isChild()
                    && !parentId.equals(old.get(schema.require(schema.parentField()))))) {
                throw new RuleViolation("No matching records found for " + schema.singular() + " id " + id + ".");
            }
            Object[] values = old.copyValues();
            Map<String, String> udfs = new HashMap<>(old.udfs());
            if (replace) {
                for (FieldDef f : schema.fields()) {
                    if (!f.readOnly() && f.index() != 0 && !f.name().equals(schema.parentField())) {
                        values[f.index()] = null;
                    }
                }
                udfs.clear();
            }
            bind(schema, body, values, udfs, false);
            return apply(schema, old, values, udfs, actor);
        });
    }

    /** Sets fields as a technician would in the UI (read-only ones included when given); for the control API. */
    public long set(EntitySchema schema, long id, Map<String, Object> fields, Actor actor) {
        return db.write(() -> {
            Row old = db.get(schema.name(), id);
            if (old == null) {
                throw new RuleViolation("No matching records found for " + schema.singular() + " id " + id + ".");
            }
            Object[] values = old.copyValues();
            Map<String, String> udfs = new HashMap<>(old.udfs());
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                var udf = schema.udf(e.getKey());
                if (udf.isPresent()) {
                    putUdf(udfs, udf.get().name(), e.getValue() == null ? null : e.getValue().toString());
                    continue;
                }
                FieldDef f = schema.field(e.getKey()).orElseThrow(() -> new RuleViolation(
                        "Unable to find " + e.getKey() + " in the " + schema.singular() + " Entity"));
                if (f.index() != 0) {
                    values[f.index()] = convert(f, MAPPER.valueToTree(e.getValue()));
                }
            }
            return apply(schema, old, values, udfs, actor);
        });
    }

    private long apply(EntitySchema schema, Row old, Object[] values, Map<String, String> udfs, Actor actor) {
        Instant now = db.now();
        applyUpdateRules(schema, old, values, actor, now);
        Set<String> changed = changedFields(schema, old, values);
        if (changed.isEmpty() && udfs.equals(old.udfs())) {
            return old.id();
        }
        if (!udfs.equals(old.udfs())) {
            changed.add("userDefinedFields");
        }
        touch(schema, values, actor, now, changed);
        Row row = new Row(values, udfs);
        db.put(schema.name(), row);
        afterWrite(schema, old, row, actor, now);
        db.publish(schema, "Update", row, changedFields(schema, old, values), actor.personId());
        return row.id();
    }

    /** Deletes a TimeEntry (REST) or a Contact under its company; other deletes go through the control API. */
    public void delete(EntitySchema schema, long id, Actor actor, Long parentId) {
        db.write(() -> {
            Row old = db.get(schema.name(), id);
            if (old == null || (parentId != null && schema.isChild()
                    && !parentId.equals(old.get(schema.require(schema.parentField()))))) {
                throw new RuleViolation(NO_MATCH_ON_DELETE);
            }
            switch (schema.name()) {
                case Schemas.TIME_ENTRIES -> deleteTimeEntry(old, actor);
                case Schemas.TICKET_NOTES -> deleteNote(old, actor);
                case Schemas.TICKETS -> deleteTicket(old, actor);
                default -> {
                    db.remove(schema.name(), id);
                    db.publish(schema, "Delete", old, Set.of(), actor.personId());
                }
            }
            return null;
        });
    }

    private void deleteTicket(Row ticket, Actor actor) {
        EntitySchema tickets = db.schemas().get(Schemas.TICKETS);
        long ticketId = ticket.id();
        // The ticket's notes and time go with it; Autotask logs only the ticket in DeletedTicketLogs.
        for (String child : List.of(Schemas.TICKET_NOTES, Schemas.TIME_ENTRIES)) {
            Table table = db.table(child);
            FieldDef ticketField = table.schema().require("ticketID");
            List<Long> ids = table.rows().values().stream().filter(r -> Objects.equals(r.get(ticketField), ticketId))
                    .map(Row::id).toList();
            ids.forEach(i -> db.remove(child, i));
        }
        db.remove(Schemas.TICKETS, ticketId);
        EntitySchema log = db.schemas().get(Schemas.DELETED_TICKET_LOGS);
        Object[] v = new Object[log.fields().size()];
        v[0] = db.allocateId(log.name());
        v[log.require("ticketID").index()] = ticketId;
        v[log.require("ticketNumber").index()] = ticket.get(tickets.require("ticketNumber"));
        v[log.require("ticketTitle").index()] = ticket.get(tickets.require("title"));
        v[log.require("deletedByResourceID").index()] = actor.personId();
        v[log.require("deletedDateTime").index()] = db.now();
        db.put(log.name(), new Row(v, null));
        db.publish(tickets, "Delete", ticket, Set.of(), actor.personId());
    }

    private void deleteNote(Row note, Actor actor) {
        EntitySchema notes = db.schemas().get(Schemas.TICKET_NOTES);
        db.remove(notes.name(), note.id());
        long ticketId = (Long) note.get(notes.require("ticketID"));
        logDeletedActivity(1, ticketId, (String) note.get(notes.require("title")),
                (Long) note.get(notes.require("creatorResourceID")), (Instant) note.get(notes.require("createDateTime")),
                null, null, null, actor);
        db.publish(notes, "Delete", note, Set.of(), actor.personId());
    }

    private void deleteTimeEntry(Row entry, Actor actor) {
        EntitySchema entries = db.schemas().get(Schemas.TIME_ENTRIES);
        db.remove(entries.name(), entry.id());
        Long ticketId = (Long) entry.get(entries.require("ticketID"));
        String summary = (String) entry.get(entries.require("summaryNotes"));
        logDeletedActivity(2, ticketId, summary == null ? null : summary.substring(0, Math.min(summary.length(), 100)),
                (Long) entry.get(entries.require("creatorUserID")), (Instant) entry.get(entries.require("createDateTime")),
                (Instant) entry.get(entries.require("startDateTime")), (Instant) entry.get(entries.require("endDateTime")),
                (Double) entry.get(entries.require("hoursWorked")), actor);
        db.publish(entries, "Delete", entry, Set.of(), actor.personId());
    }

    private void logDeletedActivity(long typeId, Long ticketId, String title, Long createdBy, Instant activity,
                                    Instant start, Instant end, Double hours, Actor actor) {
        EntitySchema log = db.schemas().get(Schemas.DELETED_TICKET_ACTIVITY_LOGS);
        Object[] v = new Object[log.fields().size()];
        v[0] = db.allocateId(log.name());
        v[log.require("typeID").index()] = typeId;
        v[log.require("ticketID").index()] = ticketId;
        Row ticket = ticketId == null ? null : db.get(Schemas.TICKETS, ticketId);
        if (ticket != null) {
            v[log.require("ticketNumber").index()] = ticket.get(db.schemas().get(Schemas.TICKETS).require("ticketNumber"));
        }
        v[log.require("noteOrAttachmentTitle").index()] = title;
        v[log.require("createdByResourceID").index()] = createdBy;
        v[log.require("activityDateTime").index()] = activity;
        v[log.require("startDateTime").index()] = start;
        v[log.require("endDateTime").index()] = end;
        v[log.require("hoursWorked").index()] = hours;
        v[log.require("deletedByResourceID").index()] = actor.personId();
        v[log.require("deletedDateTime").index()] = db.now();
        db.put(log.name(), new Row(v, null));
    }

    // ---- binding ----

    private static JsonNode property(ObjectNode body, String name) {
        for (var e : body.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private void bind(EntitySchema schema, ObjectNode body, Object[] values, Map<String, String> udfs, boolean creating) {
        for (var e : body.properties()) {
            String key = e.getKey();
            if (key.equalsIgnoreCase("userDefinedFields") && schema.hasUdfs()) {
                bindUdfs(schema, e.getValue(), udfs);
                continue;
            }
            // ASP.NET model binding ignores unknown properties, and the server keeps its own fields.
            FieldDef f = schema.field(key).orElse(null);
            if (f == null || f.index() == 0 || (f.readOnly() && !(creating && f.name().equals(schema.parentField())))) {
                continue;
            }
            if (!creating && f.name().equals(schema.parentField())) {
                continue;
            }
            values[f.index()] = convert(f, e.getValue());
        }
    }

    private Object convert(FieldDef f, JsonNode node) {
        try {
            Object value = f.dataType().fromJson(node);
            return value instanceof Instant instant ? Timestamps.stored(instant) : value;
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("Error converting value for field " + f.name() + ": " + e.getMessage());
        }
    }

    private void bindUdfs(EntitySchema schema, JsonNode array, Map<String, String> udfs) {
        if (array == null || !array.isArray()) {
            return;
        }
        for (JsonNode u : array) {
            String name = u.path("name").asString("");
            UdfDef def = schema.udf(name).orElseThrow(() -> new RuleViolation(
                    "Unable to find user defined field " + name + " in the " + schema.singular() + " Entity"));
            JsonNode value = u.get("value");
            putUdf(udfs, def.name(), value == null || value.isNull() ? null : value.asString());
        }
    }

    private static void putUdf(Map<String, String> udfs, String name, String value) {
        if (value == null) {
            udfs.remove(name);
        } else {
            udfs.put(name, value);
        }
    }

    private static Set<String> changedFields(EntitySchema schema, Row old, Object[] values) {
        Set<String> changed = new LinkedHashSet<>();
        for (FieldDef f : schema.fields()) {
            if (!Objects.equals(old.get(f.index()), values[f.index()])) {
                changed.add(f.name());
            }
        }
        return changed;
    }

    // ---- rules ----

    private void applyCreateRules(EntitySchema schema, Object[] values, Actor actor, Instant now) {
        switch (schema.name()) {
            case Schemas.TICKETS -> {
                setDefault(schema, values, "ticketType");
                setDefault(schema, values, "ticketCategory");
                setDefault(schema, values, "source");
                set(schema, values, "ticketNumber", db.nextTicketNumber(now));
                set(schema, values, "createDate", now);
                set(schema, values, "creatorResourceID", actor.personId());
                set(schema, values, "creatorType", 1L);
                set(schema, values, "impersonatorCreatorResourceID", actor.impersonatorId());
                if (get(schema, values, "dueDateTime") == null) {
                    set(schema, values, "dueDateTime", now.plus(Duration.ofDays(2)));
                }
                validateTicket(schema, values, null, actor, now);
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "lastTrackedModificationDateTime", now);
                set(schema, values, "lastActivityResourceID", actor.personId());
                set(schema, values, "lastActivityPersonType", 1L);
            }
            case Schemas.TICKET_NOTES -> {
                required(schema, values);
                requireTicket(values, schema);
                validatePicklists(schema, values, null);
                set(schema, values, "createDateTime", now);
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "creatorResourceID", actor.personId());
                set(schema, values, "impersonatorCreatorResourceID", actor.impersonatorId());
            }
            case Schemas.TIME_ENTRIES -> {
                validateTimeEntry(schema, values);
                set(schema, values, "timeEntryType", 2L);
                set(schema, values, "createDateTime", now);
                set(schema, values, "lastModifiedDateTime", now);
                set(schema, values, "creatorUserID", actor.personId());
                set(schema, values, "lastModifiedUserID", actor.personId());
                set(schema, values, "impersonatorCreatorResourceID", actor.impersonatorId());
            }
            case Schemas.COMPANIES -> {
                if (get(schema, values, "isActive") == null) {
                    set(schema, values, "isActive", true);
                }
                required(schema, values);
                validatePicklists(schema, values, null);
                requireResource(get(schema, values, "ownerResourceID"), "ownerResourceID", false);
                set(schema, values, "createDate", now);
                set(schema, values, "createdByResourceID", actor.personId());
                set(schema, values, "impersonatorCreatorResourceID", actor.impersonatorId());
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "lastTrackedModifiedDateTime", now);
            }
            case Schemas.CONTACTS -> {
                if (get(schema, values, "isActive") == null) {
                    set(schema, values, "isActive", 1L);
                }
                required(schema, values);
                requireCompany(get(schema, values, "companyID"));
                set(schema, values, "createDate", now);
                set(schema, values, "impersonatorCreatorResourceID", actor.impersonatorId());
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "lastModifiedDate", now);
            }
            default -> required(schema, values);
        }
    }

    private void applyUpdateRules(EntitySchema schema, Row old, Object[] values, Actor actor, Instant now) {
        switch (schema.name()) {
            case Schemas.TICKETS -> validateTicket(schema, values, old, actor, now);
            case Schemas.TICKET_NOTES -> {
                required(schema, values);
                validatePicklists(schema, values, old);
            }
            case Schemas.TIME_ENTRIES -> validateTimeEntry(schema, values);
            case Schemas.COMPANIES -> {
                required(schema, values);
                validatePicklists(schema, values, old);
            }
            default -> required(schema, values);
        }
    }

    /** Server-maintained timestamps of an update. */
    private void touch(EntitySchema schema, Object[] values, Actor actor, Instant now, Set<String> changed) {
        switch (schema.name()) {
            case Schemas.TICKETS -> {
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "lastActivityResourceID", actor.personId());
                set(schema, values, "lastActivityPersonType", 1L);
                set(schema, values, "lastTrackedModificationDateTime", now);
            }
            case Schemas.TICKET_NOTES -> {
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "impersonatorUpdaterResourceID", actor.impersonatorId());
            }
            case Schemas.TIME_ENTRIES -> {
                set(schema, values, "lastModifiedDateTime", now);
                set(schema, values, "lastModifiedUserID", actor.personId());
                set(schema, values, "impersonatorUpdaterResourceID", actor.impersonatorId());
            }
            case Schemas.COMPANIES -> {
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "lastTrackedModifiedDateTime", now);
            }
            case Schemas.CONTACTS -> {
                set(schema, values, "lastActivityDate", now);
                set(schema, values, "lastModifiedDate", now);
            }
            default -> {
            }
        }
    }

    /** A note or time entry is activity on its ticket: lastActivityDate moves (Autotask's documented watermark). */
    private void afterWrite(EntitySchema schema, Row old, Row row, Actor actor, Instant now) {
        if (!schema.name().equals(Schemas.TICKET_NOTES) && !schema.name().equals(Schemas.TIME_ENTRIES)) {
            return;
        }
        Long ticketId = (Long) row.get(schema.require("ticketID"));
        EntitySchema tickets = db.schemas().get(Schemas.TICKETS);
        Row ticket = ticketId == null ? null : db.get(Schemas.TICKETS, ticketId);
        if (ticket == null) {
            return;
        }
        Object[] v = ticket.copyValues();
        set(tickets, v, "lastActivityDate", now);
        set(tickets, v, "lastActivityResourceID", actor.personId());
        set(tickets, v, "lastActivityPersonType", 1L);
        if (schema.name().equals(Schemas.TICKET_NOTES) && old == null) {
            Long publish = (Long) row.get(schema.require("publish"));
            if (publish != null && publish == db.picklists().code(Schemas.TICKET_NOTES, "publish", "All Autotask Users")) {
                set(tickets, v, "lastCustomerVisibleActivityDateTime", now);
            }
        }
        Row updated = new Row(v, ticket.udfs());
        db.put(Schemas.TICKETS, updated);
        db.publish(tickets, "Update", updated, changedFields(tickets, ticket, v), actor.personId());
    }

    private void validateTicket(EntitySchema schema, Object[] values, Row old, Actor actor, Instant now) {
        required(schema, values);
        validatePicklists(schema, values, old);
        requireCompany(get(schema, values, "companyID"));
        Long contactId = (Long) get(schema, values, "contactID");
        if (contactId != null) {
            EntitySchema contacts = db.schemas().get(Schemas.CONTACTS);
            Row contact = db.get(Schemas.CONTACTS, contactId);
            if (contact == null || !Objects.equals(contact.get(contacts.require("companyID")), get(schema, values, "companyID"))) {
                throw new RuleViolation("The contactID " + contactId + " does not belong to the ticket's company.");
            }
        }
        Long resource = (Long) get(schema, values, "assignedResourceID");
        Long role = (Long) get(schema, values, "assignedResourceRoleID");
        if ((resource == null) != (role == null)) {
            throw new RuleViolation(
                    "When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.");
        }
        if (resource != null && (old == null || !Objects.equals(resource, old.get(schema.require("assignedResourceID")))
                || !Objects.equals(role, old.get(schema.require("assignedResourceRoleID"))))) {
            requireResource(resource, "assignedResourceID", true);
            requireRole(resource, role);
        }
        Long issue = (Long) get(schema, values, "issueType");
        Long sub = (Long) get(schema, values, "subIssueType");
        if (sub != null) {
            var subValue = db.picklists().find(Schemas.TICKETS, "subIssueType", sub).orElseThrow();
            if (issue == null || !subValue.parentValue().equals(Long.toString(issue))) {
                throw new RuleViolation("The subIssueType " + sub + " is not valid for the issueType " + issue + ".");
            }
        }
        Long status = (Long) get(schema, values, "status");
        Long oldStatus = old == null ? null : (Long) old.get(schema.require("status"));
        if (status != null && status == Picklists.STATUS_COMPLETE && !Objects.equals(oldStatus, status)) {
            set(schema, values, "completedDate", now);
            set(schema, values, "completedByResourceID", actor.personId());
            if (get(schema, values, "resolvedDateTime") == null) {
                set(schema, values, "resolvedDateTime", now);
            }
        } else if (status != null && status != Picklists.STATUS_COMPLETE && oldStatus != null
                && oldStatus == Picklists.STATUS_COMPLETE) {
            set(schema, values, "completedDate", null);
            set(schema, values, "completedByResourceID", null);
        }
    }

    private void validateTimeEntry(EntitySchema schema, Object[] values) {
        Long resource = (Long) get(schema, values, "resourceID");
        if (resource == null) {
            throw new RuleViolation("The resourceID field is required.");
        }
        requireResource(resource, "resourceID", true);
        Long role = (Long) get(schema, values, "roleID");
        if (role == null) {
            throw new RuleViolation("The roleID field is required.");
        }
        requireRole(resource, role);
        Long ticketId = (Long) get(schema, values, "ticketID");
        if (ticketId == null) {
            throw new RuleViolation("A time entry must reference a ticketID or a taskID.");
        }
        requireTicket(values, schema);
        String summary = (String) get(schema, values, "summaryNotes");
        if (summary == null || summary.isBlank()) {
            throw new RuleViolation("The summaryNotes field is required for ticket time entries.");
        }
        Instant start = (Instant) get(schema, values, "startDateTime");
        Instant end = (Instant) get(schema, values, "endDateTime");
        if ((start == null) != (end == null)) {
            throw new RuleViolation("Both startDateTime and endDateTime must be given, or neither.");
        }
        if (start != null && !end.isAfter(start)) {
            throw new RuleViolation("The endDateTime must be after the startDateTime.");
        }
        if (get(schema, values, "dateWorked") == null) {
            if (start == null) {
                throw new RuleViolation("Either dateWorked or startDateTime and endDateTime are required.");
            }
            set(schema, values, "dateWorked", start.truncatedTo(ChronoUnit.DAYS));
        } else {
            set(schema, values, "dateWorked", ((Instant) get(schema, values, "dateWorked")).truncatedTo(ChronoUnit.DAYS));
        }
        Double hours = (Double) get(schema, values, "hoursWorked");
        if (hours == null && start != null) {
            hours = Math.round(Duration.between(start, end).toMinutes() / 60.0 * 100) / 100.0;
            set(schema, values, "hoursWorked", hours);
        }
        if (hours == null || hours <= 0 || hours > 24) {
            throw new RuleViolation("The hoursWorked value must be greater than 0 and less than or equal to 24.");
        }
        if (get(schema, values, "hoursToBill") == null) {
            set(schema, values, "hoursToBill", hours);
        }
        if (get(schema, values, "isNonBillable") == null) {
            set(schema, values, "isNonBillable", false);
        }
        if (get(schema, values, "showOnInvoice") == null) {
            set(schema, values, "showOnInvoice", true);
        }
    }

    private void required(EntitySchema schema, Object[] values) {
        for (FieldDef f : schema.fields()) {
            if (f.required() && values[f.index()] == null) {
                throw new RuleViolation("The " + f.name() + " field is required.");
            }
        }
    }

    private void validatePicklists(EntitySchema schema, Object[] values, Row old) {
        for (FieldDef f : schema.fields()) {
            if (!f.picklist() || f.readOnly() || values[f.index()] == null) {
                continue;
            }
            long code = (Long) values[f.index()];
            var value = db.picklists().find(schema.name(), f.name(), code);
            boolean unchanged = old != null && Objects.equals(old.get(f.index()), values[f.index()]);
            if (value.isEmpty() || (!value.get().isActive() && !unchanged)) {
                throw new RuleViolation("Value " + code + " is not a valid, active picklist value for field " + f.name() + ".");
            }
        }
    }

    private void requireTicket(Object[] values, EntitySchema schema) {
        Long ticketId = (Long) get(schema, values, "ticketID");
        if (ticketId == null || db.get(Schemas.TICKETS, ticketId) == null) {
            throw new RuleViolation("The ticketID " + ticketId + " does not reference an existing Ticket.");
        }
    }

    private void requireCompany(Object companyId) {
        if (companyId == null || db.get(Schemas.COMPANIES, (Long) companyId) == null) {
            throw new RuleViolation("The companyID " + companyId + " does not reference an existing Company.");
        }
    }

    /** A real, active resource; API-only users can create records but cannot own work. */
    private void requireResource(Object resourceId, String field, boolean noApiUsers) {
        if (resourceId == null) {
            return;
        }
        Row resource = db.get(Schemas.RESOURCES, (Long) resourceId);
        EntitySchema resources = db.schemas().get(Schemas.RESOURCES);
        if (resource == null || !Boolean.TRUE.equals(resource.get(resources.require("isActive")))) {
            throw new RuleViolation("The " + field + " " + resourceId + " does not reference an active Resource.");
        }
        if (noApiUsers && isApiOnly(resource)) {
            throw new RuleViolation("The " + field + " " + resourceId
                    + " is an API User (API-only) and cannot be assigned to tickets or log time.");
        }
    }

    public boolean isApiOnly(Row resource) {
        EntitySchema resources = db.schemas().get(Schemas.RESOURCES);
        Object license = resource.get(resources.require("licenseType"));
        return license != null && (Long) license == db.picklists().code(Schemas.RESOURCES, "licenseType", "API User (API-only)");
    }

    private void requireRole(Long resource, Long role) {
        EntitySchema rr = db.schemas().get(Schemas.RESOURCE_ROLES);
        FieldDef resourceField = rr.require("resourceID");
        FieldDef roleField = rr.require("roleID");
        FieldDef active = rr.require("isActive");
        boolean ok = db.table(Schemas.RESOURCE_ROLES).rows().values().stream()
                .anyMatch(r -> resource.equals(r.get(resourceField)) && role.equals(r.get(roleField))
                        && Boolean.TRUE.equals(r.get(active)));
        if (!ok) {
            throw new RuleViolation("The Resource " + resource + " is not assigned the Role " + role
                    + " in any queue. A Resource and Role pair must belong to at least one queue.");
        }
    }

    private void setDefault(EntitySchema schema, Object[] values, String field) {
        if (get(schema, values, field) == null) {
            db.picklists().values(schema.name(), field).stream().filter(PicklistValue::isDefaultValue).findFirst()
                    .ifPresent(v -> set(schema, values, field, v.code()));
        }
    }

    private static Object get(EntitySchema schema, Object[] values, String field) {
        return values[schema.require(field).index()];
    }

    private static void set(EntitySchema schema, Object[] values, String field, Object value) {
        values[schema.require(field).index()] = value;
    }
}
