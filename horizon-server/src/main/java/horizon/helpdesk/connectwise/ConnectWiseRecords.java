package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns ConnectWise's JSON into Horizon's PSA-neutral records: the one place that knows ConnectWise's field names.
 *
 * <p>Every record's watermark is {@code _info.lastUpdated}. References ({@code {"id":5,"name":"New"}}) become their
 * id, as text for picklist codes. A ticket has no number of its own: its id is the number people quote.
 */
final class ConnectWiseRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConnectWiseRecords() {
    }

    static HelpdeskTicket ticket(JsonNode item) {
        Instant lastUpdated = info(item, "lastUpdated");
        return new HelpdeskTicket(
                item.path("id").asLong(),
                String.valueOf(item.path("id").asLong()),
                text(item, "summary"),
                null,
                refCode(item, "status"),
                refCode(item, "priority"),
                refId(item, "board"),
                refCode(item, "type"),
                refCode(item, "subType"),
                refCode(item, "source"),
                null,
                refId(item, "company"),
                refId(item, "contact"),
                refId(item, "owner"),
                null,
                instant(item, "requiredDate"),
                info(item, "dateEntered"),
                instant(item, "closedDate"),
                lastUpdated,
                lastUpdated,
                raw(item));
    }

    /** A ticket note; who may see it follows its flags: the discussion, the resolution, or internal analysis. */
    static HelpdeskNote note(JsonNode item) {
        Instant lastUpdated = info(item, "lastUpdated");
        Instant created = instant(item, "dateCreated");
        return new HelpdeskNote(
                item.path("id").asLong(),
                item.path("ticketId").asLong(),
                null,
                text(item, "text"),
                null,
                visibility(item),
                refId(item, "member"),
                created != null ? created : info(item, "dateEntered"),
                lastUpdated,
                lastUpdated,
                raw(item));
    }

    static String visibility(JsonNode note) {
        if (note.path("detailDescriptionFlag").asBoolean(false)) {
            return ConnectWisePicklists.DISCUSSION;
        }
        if (note.path("resolutionFlag").asBoolean(false)) {
            return ConnectWisePicklists.RESOLUTION;
        }
        return ConnectWisePicklists.INTERNAL;
    }

    /** A time entry; only those charged to a service ticket carry a ticket id. */
    static HelpdeskTimeEntry timeEntry(JsonNode item) {
        Instant lastUpdated = info(item, "lastUpdated");
        Instant start = instant(item, "timeStart");
        JsonNode hours = item.path("actualHours");
        Instant entered = instant(item, "dateEntered");
        return new HelpdeskTimeEntry(
                item.path("id").asLong(),
                "ServiceTicket".equals(text(item, "chargeToType")) ? id(item, "chargeToId") : null,
                refId(item, "member"),
                refId(item, "workRole"),
                start == null ? null : LocalDate.ofInstant(start, ZoneOffset.UTC),
                start,
                instant(item, "timeEnd"),
                hours.isNumber() ? hours.decimalValue() : null,
                text(item, "notes"),
                text(item, "internalNotes"),
                "Billable".equals(text(item, "billableOption")),
                entered != null ? entered : info(item, "dateEntered"),
                lastUpdated,
                lastUpdated,
                raw(item));
    }

    /** A company; it counts as active unless deleted or in a status named Inactive. */
    static HelpdeskCompany company(JsonNode item) {
        Instant lastUpdated = info(item, "lastUpdated");
        JsonNode types = item.path("types");
        String status = item.path("status").path("name").asString("");
        return new HelpdeskCompany(
                item.path("id").asLong(),
                text(item, "name"),
                types.isArray() && !types.isEmpty() ? refCode(types.get(0), null) : null,
                text(item, "phoneNumber"),
                !item.path("deletedFlag").asBoolean(false) && !status.equalsIgnoreCase("Inactive"),
                null,
                lastUpdated,
                lastUpdated,
                raw(item));
    }

    /** A contact; e-mail and phone are its default communication items of each type. */
    static HelpdeskContact contact(JsonNode item) {
        Instant lastUpdated = info(item, "lastUpdated");
        return new HelpdeskContact(
                item.path("id").asLong(),
                refId(item, "company"),
                text(item, "firstName"),
                text(item, "lastName"),
                communication(item, "Email"),
                communication(item, "Phone"),
                !item.path("inactiveFlag").asBoolean(false),
                lastUpdated,
                lastUpdated,
                lastUpdated,
                raw(item));
    }

    /** A member; Horizon maps no roles for ConnectWise (its work roles are chosen per time entry). */
    static HelpdeskUser user(JsonNode item) {
        return new HelpdeskUser(
                item.path("id").asLong(),
                text(item, "identifier"),
                text(item, "firstName"),
                text(item, "lastName"),
                email(item),
                !item.path("inactiveFlag").asBoolean(false),
                text(item, "licenseClass"),
                refCode(item, "type"),
                List.of(),
                info(item, "lastUpdated"),
                raw(item));
    }

    /**
     * A member's e-mail: {@code primaryEmail}, else the address {@code defaultEmail} names (Office, Mobile, Home),
     * else {@code officeEmail}.
     */
    static String email(JsonNode member) {
        String primary = text(member, "primaryEmail");
        if (primary != null && !primary.isBlank()) {
            return primary;
        }
        String chosen = text(member, "defaultEmail");
        if (chosen != null) {
            String named = text(member, chosen.toLowerCase(java.util.Locale.ROOT) + "Email");
            if (named != null && !named.isBlank()) {
                return named;
            }
        }
        return text(member, "officeEmail");
    }

    /** One value of a picklist read from its own endpoint: the id as value, the name as label. */
    static PicklistValue picklistValue(String entity, String field, JsonNode item, int position, String parent) {
        boolean inactive = item.path("inactiveFlag").asBoolean(false) || item.path("inactive").asBoolean(false);
        JsonNode sort = item.path("sortOrder");
        return new PicklistValue(entity, field, String.valueOf(item.path("id").asLong()), text(item, "name"),
                !inactive, item.path("defaultFlag").asBoolean(false), sort.isNumber() ? sort.asInt() : position,
                parent);
    }

    private static String communication(JsonNode contact, String type) {
        String first = null;
        for (JsonNode item : contact.path("communicationItems")) {
            if (!type.equalsIgnoreCase(item.path("communicationType").asString(""))) {
                continue;
            }
            String value = text(item, "value");
            if (item.path("defaultFlag").asBoolean(false) && value != null) {
                return value;
            }
            first = first == null ? value : first;
        }
        return first;
    }

    static String raw(JsonNode item) {
        return JSON.writeValueAsString(item);
    }

    static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    static Long id(JsonNode item, String field) {
        JsonNode value = item.path(field);
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isNumber() ? value.asLong() : Long.valueOf(value.asString().strip());
    }

    /** The id of a reference {@code {"id":…}}; {@code field} null reads the node itself. */
    static Long refId(JsonNode item, String field) {
        JsonNode reference = field == null ? item : item.path(field);
        return reference.isObject() ? id(reference, "id") : null;
    }

    static String refCode(JsonNode item, String field) {
        Long id = refId(item, field);
        return id == null ? null : String.valueOf(id);
    }

    static Instant info(JsonNode item, String field) {
        return instant(item.path("_info"), field);
    }

    /**
     * Reads a ConnectWise date-time: UTC with {@code Z} on the wire, an offset or none (then UTC) accepted.
     *
     * @throws IllegalArgumentException when the text is not a date-time
     */
    static Instant instant(JsonNode item, String field) {
        String text = text(item, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                throw new IllegalArgumentException(field + " is not a date-time: " + text, unreadable);
            }
        }
    }
}
