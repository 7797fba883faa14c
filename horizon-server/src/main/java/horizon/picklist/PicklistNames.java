package horizon.picklist;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What people call the picklists the adapters mirror, in the order the page shows them. Entities and fields are the
 * PSA's names (Autotask's: {@code Tickets.queueID}); anything not listed here is still shown, named from its camelCase.
 */
final class PicklistNames {

    /** A dependent picklist shown nested under its parent's values: Autotask's sub-issue types under issue types. */
    record Dependency(String entity, String childField, String parentField) {
    }

    static final List<Dependency> DEPENDENCIES = List.of(new Dependency("Tickets", "subIssueType", "issueType"));

    private static final List<String> ENTITY_ORDER = List.of("Tickets", "TicketNotes", "TimeEntries", "Companies",
            "Contacts", "Resources", "ResourceRoles");

    private static final Map<String, String> ENTITY_LABELS = Map.of(
            "Tickets", "Tickets",
            "TicketNotes", "Ticket notes",
            "TimeEntries", "Time entries",
            "Companies", "Companies",
            "Contacts", "Contacts",
            "Resources", "Helpdesk users (resources)",
            "ResourceRoles", "Resource roles");

    private static final List<String> FIELD_ORDER = List.of("status", "priority", "queueID", "issueType",
            "subIssueType", "source", "ticketType", "ticketCategory", "noteType", "publish", "timeEntryType",
            "companyType", "classification", "licenseType", "userType");

    private static final Map<String, String> FIELD_LABELS = Map.ofEntries(
            Map.entry("Tickets.status", "Ticket status"),
            Map.entry("Tickets.priority", "Priority"),
            Map.entry("Tickets.queueID", "Queue"),
            Map.entry("Tickets.issueType", "Issue type"),
            Map.entry("Tickets.subIssueType", "Sub-issue type"),
            Map.entry("Tickets.source", "Source"),
            Map.entry("Tickets.ticketType", "Ticket type"),
            Map.entry("Tickets.ticketCategory", "Ticket category"),
            Map.entry("Tickets.serviceLevelAgreementID", "Service level agreement"),
            Map.entry("TicketNotes.noteType", "Note type"),
            Map.entry("TicketNotes.publish", "Publish (who may see a note)"),
            Map.entry("TimeEntries.timeEntryType", "Time entry type"),
            Map.entry("Companies.companyType", "Company type"),
            Map.entry("Companies.classification", "Company classification"),
            Map.entry("Resources.licenseType", "License type"),
            Map.entry("Resources.userType", "User type"),
            Map.entry("ResourceRoles.queueID", "Queue of a resource role"));

    private PicklistNames() {
    }

    static String entityLabel(String entity) {
        return ENTITY_LABELS.getOrDefault(entity, humanize(entity));
    }

    static String fieldLabel(String entity, String field) {
        return FIELD_LABELS.getOrDefault(entity + "." + field, humanize(field));
    }

    static int entityRank(String entity) {
        int rank = ENTITY_ORDER.indexOf(entity);
        return rank < 0 ? ENTITY_ORDER.size() : rank;
    }

    static int fieldRank(String field) {
        int rank = FIELD_ORDER.indexOf(field);
        return rank < 0 ? FIELD_ORDER.size() : rank;
    }

    /** {@code queueID} → "Queue ID", {@code TicketNotes} → "Ticket notes". */
    static String humanize(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
        String[] words = spaced.split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
            if (i > 0) {
                text.append(' ');
                text.append(acronym ? word : word.toLowerCase(Locale.ROOT));
            } else {
                text.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return text.toString();
    }
}
