package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.store.Actor;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.References;
import horizon.simulator.connectwise.store.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each writable collection's rules: required fields, references resolved (board-owned picklists on the ticket's
 * board), derived fields (closedFlag from the status, a note's internal/external flags, a time entry's hours), and the
 * side effects ConnectWise shows (a note or time entry updates its ticket; a time entry can post its notes to the
 * ticket).
 */
final class RecordRules {
    private static final Set<String> BILLABLE = Set.of("Billable", "DoNotBill", "NoCharge", "NoDefault");
    private static final Set<String> CHARGE_TO = Set.of("Company", "ServiceTicket", "ProjectTicket", "ChargeCode", "Activity");
    /**
     * Ticket fields ConnectWise takes on POST only and never returns ("Only available for POST, will not be returned
     * in the response"): each becomes a note of the new ticket with its flag.
     */
    private static final Map<String, String> INITIAL_NOTES = Map.of("initialDescription", "detailDescriptionFlag",
            "initialInternalAnalysis", "internalAnalysisFlag", "initialResolution", "resolutionFlag");

    private final CwStore store;
    private final ReferenceResolver references;

    RecordRules(CwStore store, ReferenceResolver references) {
        this.store = store;
        this.references = references;
    }

    ObjectNode create(Kind kind, long parentId, ObjectNode body, Actor actor) {
        body.remove("id");
        body.remove("_info");
        return switch (kind) {
            case TICKETS -> ticket(null, body, actor);
            case NOTES -> note(parentId, null, body, actor);
            case TIME_ENTRIES -> timeEntry(null, body, actor);
            case COMPANIES -> company(null, body);
            case CONTACTS -> contact(body);
            default -> throw new IllegalStateException("not writable: " + kind);
        };
    }

    ObjectNode update(Kind kind, ObjectNode before, ObjectNode changed, Actor actor) {
        return switch (kind) {
            case TICKETS -> ticket(before, changed, actor);
            case NOTES -> note(before.get("ticketId").asLong(), before, changed, actor);
            case TIME_ENTRIES -> timeEntry(before, changed, actor);
            case COMPANIES -> company(before, changed);
            case CONTACTS -> contact(changed);
            default -> throw new IllegalStateException("not writable: " + kind);
        };
    }

    /**
     * A new ticket's initialDescription, initialInternalAnalysis and initialResolution (as {@code sent}) become its
     * first notes; a new note or time entry is an update of its ticket, as ConnectWise shows it (and calls back).
     */
    void afterCreate(Kind kind, ObjectNode created, ObjectNode sent, Actor actor) {
        if (kind == Kind.TICKETS) {
            long ticketId = created.get("id").asLong();
            for (String field : List.of("initialDescription", "initialInternalAnalysis", "initialResolution")) {
                JsonNode text = sent.get(field);
                if (text != null && text.isString() && !text.asString().isBlank()) {
                    ObjectNode note = created.objectNode();
                    note.put("text", text.asString());
                    note.put(INITIAL_NOTES.get(field), true);
                    store.insert(Kind.NOTES, note(ticketId, null, note, actor), actor);
                }
            }
        } else if (kind == Kind.NOTES) {
            touchTicket(created.get("ticketId").asLong(), actor, 0);
        } else if (kind == Kind.TIME_ENTRIES && created.path("chargeToType").asString().equals("ServiceTicket")) {
            long ticketId = created.get("chargeToId").asLong();
            boolean detail = created.path("addToDetailDescriptionFlag").asBoolean(false);
            boolean internal = created.path("addToInternalAnalysisFlag").asBoolean(false);
            boolean resolution = created.path("addToResolutionFlag").asBoolean(false);
            if ((detail || internal || resolution) && created.hasNonNull("notes")) {
                ObjectNode note = created.objectNode();
                note.put("text", created.get("notes").asString());
                note.put("detailDescriptionFlag", detail);
                note.put("internalAnalysisFlag", internal);
                note.put("resolutionFlag", resolution);
                note.set("member", created.get("member").deepCopy());
                store.insert(Kind.NOTES, note(ticketId, null, note, actor), actor);
            }
            touchTicket(ticketId, actor, created.path("actualHours").asDouble(0));
        }
    }

    /** A changed note updates its ticket (inferred, see the class comment). */
    void afterUpdate(Kind kind, ObjectNode updated, Actor actor) {
        if (kind == Kind.NOTES) {
            touchTicket(updated.get("ticketId").asLong(), actor, 0);
        }
    }

    /** A deleted note updates its ticket (inferred, see the class comment). */
    void afterDelete(Kind kind, ObjectNode deleted, Actor actor) {
        if (kind == Kind.NOTES) {
            touchTicket(deleted.get("ticketId").asLong(), actor, 0);
        }
    }

    void beforeDelete(Kind kind, ObjectNode record) {
        long id = record.get("id").asLong();
        if (kind == Kind.TICKETS && store.rows(Kind.TIME_ENTRIES).values().stream()
                .anyMatch(entry -> entry.path("chargeToType").asString().equals("ServiceTicket")
                        && entry.path("chargeToId").asLong() == id)) {
            throw new ApiError(409, "Conflict", "Ticket " + id + " cannot be deleted because it has time entries.");
        }
        if (kind == Kind.COMPANIES && store.rows(Kind.TICKETS).values().stream()
                .anyMatch(ticket -> ticket.path("company").path("id").asLong() == id)) {
            throw new ApiError(409, "Conflict", "Company " + id + " is in use by tickets and cannot be deleted.");
        }
    }

    private void touchTicket(long ticketId, Actor actor, double addedHours) {
        store.get(Kind.TICKETS, ticketId).ifPresent(ticket -> {
            ObjectNode changed = ticket.deepCopy();
            if (addedHours > 0) {
                changed.put("actualHours", ticket.path("actualHours").asDouble(0) + addedHours);
            }
            store.update(Kind.TICKETS, changed, actor, false);
        });
    }

    private ObjectNode ticket(ObjectNode before, ObjectNode ticket, Actor actor) {
        String resource = "ticket";
        require(ticket, "summary", resource);
        require(ticket, "company", resource);
        if (ticket.get("summary").asString().length() > 100) {
            throw ApiError.invalid(resource, "InvalidField", "summary may be at most 100 characters.", "summary");
        }
        if (!ticket.hasNonNull("board")) {
            ticket.set("board", References.of(Kind.BOARDS, store.rows(Kind.BOARDS).firstEntry().getValue()));
        }
        ticket.set("board", references.resolve(Kind.TICKETS, "board", ticket.get("board"), 0));
        long board = ticket.get("board").get("id").asLong();
        boolean boardChanged = before != null && before.get("board").get("id").asLong() != board;
        if (!ticket.hasNonNull("status") || boardChanged && sameStatus(before, ticket)) {
            // a new ticket, or one moved to another board, starts in the board's default status
            ticket.set("status", References.of(Kind.BOARD_STATUSES, store.rows(Kind.BOARD_STATUSES, board).values()
                    .stream().filter(s -> s.path("defaultFlag").asBoolean()).findFirst()
                    .orElse(store.rows(Kind.BOARD_STATUSES, board).firstEntry().getValue())));
        }
        for (String field : List.of("status", "type", "subType", "item", "team")) {
            if (ticket.hasNonNull(field)) {
                ticket.set(field, references.resolve(Kind.TICKETS, field, ticket.get(field), board));
            }
        }
        for (String field : List.of("company", "contact", "owner", "priority", "source", "workType", "workRole")) {
            if (ticket.hasNonNull(field)) {
                ticket.set(field, references.resolve(Kind.TICKETS, field, ticket.get(field), board));
            }
        }
        if (!ticket.hasNonNull("priority")) {
            ticket.set("priority", References.of(Kind.PRIORITIES, store.rows(Kind.PRIORITIES).values().stream()
                    .filter(p -> p.path("defaultFlag").asBoolean()).findFirst().orElseThrow()));
        }
        if (ticket.hasNonNull("owner")) {
            ObjectNode owner = store.get(Kind.MEMBERS, ticket.get("owner").get("id").asLong()).orElseThrow();
            if (owner.path("inactiveFlag").asBoolean(false)) {
                throw ApiError.invalid(resource, "InvalidField", "Member " + owner.get("identifier").asString()
                        + " is inactive and cannot own tickets.", "owner");
            }
            ticket.put("resources", owner.get("identifier").asString());
        }
        if (ticket.hasNonNull("contact")) {
            ObjectNode contact = store.get(Kind.CONTACTS, ticket.get("contact").get("id").asLong()).orElseThrow();
            ticket.put("contactName", ticket.get("contact").get("name").asString());
            contact.path("communicationItems").forEach(item -> {
                if (item.path("communicationType").asString().equals("Email") && item.path("defaultFlag").asBoolean()) {
                    ticket.put("contactEmailAddress", item.path("value").asString());
                }
            });
        }
        for (String field : List.of("severity", "impact")) {
            if (ticket.hasNonNull(field) && !Set.of("Low", "Medium", "High").contains(ticket.get(field).asString())) {
                throw ApiError.invalid(resource, "InvalidField", field + " must be Low, Medium or High.", field);
            }
        }
        ticket.put("recordType", ticket.path("recordType").asString("ServiceTicket"));
        ticket.remove("skipCallback");
        INITIAL_NOTES.keySet().forEach(ticket::remove);
        boolean closed = store.get(Kind.BOARD_STATUSES, ticket.get("status").get("id").asLong()).orElseThrow()
                .path("closedStatus").asBoolean(false);
        boolean wasClosed = before != null && before.path("closedFlag").asBoolean(false);
        ticket.put("closedFlag", closed);
        if (closed && !wasClosed) {
            ticket.put("closedDate", Timestamps.format(store.clock().now()));
            ticket.put("closedBy", actor.identifier());
        } else if (!closed) {
            ticket.remove("closedDate");
            ticket.remove("closedBy");
        }
        if (!ticket.has("actualHours")) {
            ticket.put("actualHours", 0.0);
        }
        for (Map.Entry<String, Boolean> flag : Map.of("customerUpdatedFlag", false, "approved", true,
                "hasChildTicket", false, "automaticEmailContactFlag", false).entrySet()) {
            if (!ticket.has(flag.getKey())) {
                ticket.put(flag.getKey(), flag.getValue());
            }
        }
        return ticket;
    }

    private static boolean sameStatus(ObjectNode before, ObjectNode after) {
        return before.path("status").path("id").asLong() == after.path("status").path("id").asLong();
    }

    private ObjectNode note(long ticketId, ObjectNode before, ObjectNode note, Actor actor) {
        String resource = "serviceNote";
        if (!note.hasNonNull("text") || note.get("text").asString().isBlank()) {
            throw missing(resource, "text");
        }
        boolean detail = note.path("detailDescriptionFlag").asBoolean(false);
        boolean internal = note.path("internalAnalysisFlag").asBoolean(false);
        boolean resolution = note.path("resolutionFlag").asBoolean(false);
        if (!detail && !internal && !resolution) {
            throw ApiError.invalid(resource, "InvalidField",
                    "One of detailDescriptionFlag, internalAnalysisFlag or resolutionFlag must be true.",
                    "detailDescriptionFlag");
        }
        note.put("ticketId", ticketId);
        if (note.hasNonNull("member")) {
            note.set("member", references.resolve(Kind.NOTES, "member", note.get("member"), 0));
        } else {
            note.set("member", References.of(Kind.MEMBERS, store.get(Kind.MEMBERS, actor.memberId()).orElseThrow()));
        }
        if (note.hasNonNull("contact")) {
            note.set("contact", references.resolve(Kind.NOTES, "contact", note.get("contact"), 0));
        }
        note.put("internalFlag", internal);
        note.put("externalFlag", detail || resolution);
        for (String flag : List.of("issueFlag", "customerUpdatedFlag", "processNotifications")) {
            if (!note.has(flag)) {
                note.put(flag, false);
            }
        }
        note.put("detailDescriptionFlag", detail);
        note.put("internalAnalysisFlag", internal);
        note.put("resolutionFlag", resolution);
        if (before == null) {
            note.put("dateCreated", Timestamps.format(store.clock().now()));
            note.put("createdBy", actor.identifier());
        }
        return note;
    }

    private ObjectNode timeEntry(ObjectNode before, ObjectNode entry, Actor actor) {
        String resource = "timeEntry";
        require(entry, "timeStart", resource);
        Instant start = instant(entry, "timeStart", resource);
        String chargeToType = entry.path("chargeToType").asString("ServiceTicket");
        if (!CHARGE_TO.contains(chargeToType)) {
            throw ApiError.invalid(resource, "InvalidField", "chargeToType must be one of " + CHARGE_TO + ".", "chargeToType");
        }
        entry.put("chargeToType", chargeToType);
        if (chargeToType.equals("ServiceTicket")) {
            require(entry, "chargeToId", resource);
            long ticketId = entry.get("chargeToId").asLong();
            ObjectNode ticket = store.get(Kind.TICKETS, ticketId).orElseThrow(() -> ApiError.invalid(resource,
                    "InvalidField", "Ticket " + ticketId + " was not found.", "chargeToId"));
            entry.set("ticket", References.of(Kind.TICKETS, ticket));
            entry.set("company", ticket.get("company").deepCopy());
            entry.put("ticketBoard", ticket.path("board").path("name").asString());
            entry.put("ticketStatus", ticket.path("status").path("name").asString());
        }
        if (entry.hasNonNull("member")) {
            entry.set("member", references.resolve(Kind.TIME_ENTRIES, "member", entry.get("member"), 0));
        } else {
            entry.set("member", References.of(Kind.MEMBERS, store.get(Kind.MEMBERS, actor.memberId()).orElseThrow()));
        }
        ObjectNode member = store.get(Kind.MEMBERS, entry.get("member").get("id").asLong()).orElseThrow();
        if (member.path("inactiveFlag").asBoolean(false)) {
            throw ApiError.invalid(resource, "InvalidField", "Member " + member.get("identifier").asString()
                    + " is inactive.", "member");
        }
        for (String field : List.of("workType", "workRole")) {
            if (entry.hasNonNull(field)) {
                entry.set(field, references.resolve(Kind.TIME_ENTRIES, field, entry.get(field), 0));
            }
        }
        if (!entry.hasNonNull("workType")) {
            entry.set("workType", References.of(Kind.WORK_TYPES, store.rows(Kind.WORK_TYPES).values().stream()
                    .filter(t -> t.path("overallDefaultFlag").asBoolean()).findFirst().orElseThrow()));
        }
        double hours;
        if (entry.hasNonNull("timeEnd")) {
            Instant end = instant(entry, "timeEnd", resource);
            if (!end.isAfter(start)) {
                throw ApiError.invalid(resource, "InvalidField", "timeEnd must be after timeStart.", "timeEnd");
            }
            hours = entry.hasNonNull("actualHours") ? entry.get("actualHours").asDouble()
                    : Math.round(Duration.between(start, end).toSeconds() / 36.0) / 100.0;
        } else if (entry.hasNonNull("actualHours")) {
            hours = entry.get("actualHours").asDouble();
            entry.put("timeEnd", Timestamps.format(start.plusSeconds(Math.round(hours * 3600))));
        } else {
            throw ApiError.invalid(resource, "MissingRequiredField", "timeEnd or actualHours is required.", "timeEnd");
        }
        if (!(hours > 0 && hours <= 24)) {
            throw ApiError.invalid(resource, "InvalidField", "actualHours must be more than 0 and at most 24.", "actualHours");
        }
        entry.put("timeStart", Timestamps.format(start));
        entry.put("actualHours", hours);
        String billable = entry.path("billableOption").asString("Billable");
        if (!BILLABLE.contains(billable)) {
            throw ApiError.invalid(resource, "InvalidField", "billableOption must be one of " + BILLABLE + ".", "billableOption");
        }
        entry.put("billableOption", billable);
        for (String flag : List.of("addToDetailDescriptionFlag", "addToInternalAnalysisFlag", "addToResolutionFlag",
                "emailResourceFlag", "emailContactFlag", "emailCcFlag")) {
            if (!entry.has(flag)) {
                entry.put(flag, false);
            }
        }
        if (!entry.has("hoursDeduct")) {
            entry.put("hoursDeduct", 0.0);
        }
        entry.put("status", entry.path("status").asString("Open"));
        if (before == null) {
            entry.put("enteredBy", actor.identifier());
            entry.put("dateEntered", Timestamps.format(store.clock().now()));
        }
        return entry;
    }

    private ObjectNode company(ObjectNode before, ObjectNode company) {
        String resource = "company";
        require(company, "identifier", resource);
        require(company, "name", resource);
        String identifier = company.get("identifier").asString();
        long id = before == null ? -1 : before.get("id").asLong();
        boolean taken = store.rows(Kind.COMPANIES).values().stream().anyMatch(other -> other.get("id").asLong() != id
                && other.path("identifier").asString().equalsIgnoreCase(identifier));
        if (taken) {
            throw new ApiError(400, "InvalidObject", "company object is invalid", List.of(new ApiError.FieldError(
                    "ObjectExists", "The identifier " + identifier + " is already in use.", resource, "identifier")));
        }
        if (company.hasNonNull("status")) {
            company.set("status", references.resolve(Kind.COMPANIES, "status", company.get("status"), 0));
        } else {
            company.set("status", References.of(Kind.COMPANY_STATUSES, store.rows(Kind.COMPANY_STATUSES).firstEntry().getValue()));
        }
        if (!company.has("deletedFlag")) {
            company.put("deletedFlag", false);
        }
        return company;
    }

    private ObjectNode contact(ObjectNode contact) {
        require(contact, "firstName", "contact");
        if (contact.hasNonNull("company")) {
            contact.set("company", references.resolve(Kind.CONTACTS, "company", contact.get("company"), 0));
        }
        if (!contact.has("inactiveFlag")) {
            contact.put("inactiveFlag", false);
        }
        return contact;
    }

    private static void require(ObjectNode record, String field, String resource) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull() || value.isString() && value.asString().isBlank()) {
            throw missing(resource, field);
        }
    }

    private static ApiError missing(String resource, String field) {
        return ApiError.invalid(resource, "MissingRequiredField", "The " + field + " field is required.", field);
    }

    private static Instant instant(ObjectNode record, String field, String resource) {
        try {
            return Timestamps.parse(record.get(field).asString());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(resource, "InvalidField", field + " is not a valid date-time: "
                    + record.get(field).asString(), field);
        }
    }
}
