package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Autotask's JSON into Horizon's PSA-neutral records: the one place that knows Autotask's field names.
 *
 * <p>Every record keeps the item's JSON text. Picklist codes become strings, as Autotask publishes them in
 * {@code entityInformation/fields}; contacts' integer {@code isActive} and time entries' {@code isNonBillable} become the
 * neutral booleans.
 */
final class AutotaskRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AutotaskRecords() {
    }

    static HelpdeskTicket ticket(JsonNode item) {
        Instant lastActivity = instant(item, "lastActivityDate");
        return new HelpdeskTicket(
                item.path("id").asLong(),
                text(item, "ticketNumber"),
                text(item, "title"),
                text(item, "description"),
                code(item, "status"),
                code(item, "priority"),
                id(item, "queueID"),
                code(item, "issueType"),
                code(item, "subIssueType"),
                code(item, "source"),
                code(item, "ticketType"),
                id(item, "companyID"),
                id(item, "contactID"),
                id(item, "assignedResourceID"),
                id(item, "assignedResourceRoleID"),
                instant(item, "dueDateTime"),
                instant(item, "createDate"),
                instant(item, "completedDate"),
                lastActivity,
                lastActivity,
                raw(item));
    }

    static HelpdeskCompany company(JsonNode item) {
        Instant lastActivity = instant(item, "lastActivityDate");
        return new HelpdeskCompany(
                item.path("id").asLong(),
                text(item, "companyName"),
                code(item, "companyType"),
                text(item, "phone"),
                item.path("isActive").asBoolean(false),
                id(item, "ownerResourceID"),
                lastActivity,
                lastActivity,
                raw(item));
    }

    static HelpdeskContact contact(JsonNode item) {
        Instant lastActivity = instant(item, "lastActivityDate");
        JsonNode active = item.path("isActive");
        return new HelpdeskContact(
                item.path("id").asLong(),
                id(item, "companyID"),
                text(item, "firstName"),
                text(item, "lastName"),
                text(item, "emailAddress"),
                text(item, "phone"),
                active.isBoolean() ? active.asBoolean() : active.asInt(0) != 0,
                lastActivity,
                instant(item, "lastModifiedDate"),
                lastActivity,
                raw(item));
    }

    static HelpdeskNote note(JsonNode item) {
        Instant lastActivity = instant(item, "lastActivityDate");
        return new HelpdeskNote(
                item.path("id").asLong(),
                item.path("ticketID").asLong(),
                text(item, "title"),
                text(item, "description"),
                code(item, "noteType"),
                code(item, "publish"),
                id(item, "creatorResourceID"),
                instant(item, "createDateTime"),
                lastActivity,
                lastActivity,
                raw(item));
    }

    static HelpdeskTimeEntry timeEntry(JsonNode item) {
        Instant lastModified = instant(item, "lastModifiedDateTime");
        Instant dateWorked = instant(item, "dateWorked");
        JsonNode hours = item.path("hoursWorked");
        return new HelpdeskTimeEntry(
                item.path("id").asLong(),
                id(item, "ticketID"),
                id(item, "resourceID"),
                id(item, "roleID"),
                dateWorked == null ? null : LocalDate.ofInstant(dateWorked, ZoneOffset.UTC),
                instant(item, "startDateTime"),
                instant(item, "endDateTime"),
                hours.isNumber() ? new BigDecimal(hours.asString()) : null,
                text(item, "summaryNotes"),
                text(item, "internalNotes"),
                !item.path("isNonBillable").asBoolean(false),
                instant(item, "createDateTime"),
                lastModified,
                lastModified,
                raw(item));
    }

    /** A resource with the roles read from ResourceRoles; resources carry no change date. */
    static HelpdeskUser user(JsonNode item, List<HelpdeskUser.Role> roles) {
        return new HelpdeskUser(
                item.path("id").asLong(),
                text(item, "userName"),
                text(item, "firstName"),
                text(item, "lastName"),
                text(item, "email"),
                item.path("isActive").asBoolean(false),
                code(item, "licenseType"),
                code(item, "userType"),
                roles,
                null,
                raw(item));
    }

    static HelpdeskUser.Role role(JsonNode item) {
        return new HelpdeskUser.Role(item.path("roleID").asLong(), id(item, "queueID"),
                item.path("isActive").asBoolean(false));
    }

    /** One value of a picklist field from {@code entityInformation/fields}; a blank parent becomes {@code null}. */
    static PicklistValue picklistValue(String entity, String field, JsonNode value) {
        String parent = text(value, "parentValue");
        return new PicklistValue(entity, field, text(value, "value"), text(value, "label"),
                value.path("isActive").asBoolean(false), value.path("isDefaultValue").asBoolean(false),
                value.path("sortOrder").asInt(0), parent == null || parent.isBlank() ? null : parent);
    }

    static String raw(JsonNode item) {
        return JSON.writeValueAsString(item);
    }

    static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    /** A picklist code as text: {@code 5} and {@code "5"} both read {@code "5"}. */
    static String code(JsonNode item, String field) {
        return text(item, field);
    }

    static Long id(JsonNode item, String field) {
        JsonNode value = item.path(field);
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isNumber() ? value.asLong() : Long.valueOf(value.asString().strip());
    }

    static Instant instant(JsonNode item, String field) {
        return AutotaskDates.parse(text(item, field));
    }
}
