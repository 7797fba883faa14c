package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskEntity;
import java.util.List;
import java.util.Optional;

/**
 * The four Autotask webhooks Horizon keeps, one per webhook entity family, each with the fields whose change makes
 * Autotask call: the fields {@link AutotaskRecords} mirrors for that entity. A field the database does not offer as a
 * webhook field (absent from the {@code fieldID} picklist) is left out.
 */
enum AutotaskHookFamily {
    TICKETS("Tickets", "Ticket", HelpdeskEntity.TICKETS, "ticketWebhookID", List.of(
            subscribed("title"), subscribed("description"), subscribed("status"), subscribed("priority"),
            subscribed("queueID"), subscribed("issueType"), subscribed("subIssueType"), subscribed("source"),
            subscribed("ticketType"), subscribed("companyID"), subscribed("contactID"),
            subscribed("assignedResourceID"), subscribed("assignedResourceRoleID"), subscribed("dueDateTime"),
            subscribed("completedDate"), subscribed("lastActivityDate"), displayed("ticketNumber"))),
    TICKET_NOTES("Ticket notes", "TicketNote", HelpdeskEntity.TICKET_NOTES, "ticketNoteWebhookID", List.of(
            subscribed("title"), subscribed("description"), subscribed("noteType"), subscribed("publish"),
            subscribed("lastActivityDate"), displayed("ticketID"))),
    COMPANIES("Companies", "Company", HelpdeskEntity.COMPANIES, "accountWebhookID", List.of(
            subscribed("companyName"), subscribed("companyType"), subscribed("phone"), subscribed("isActive"),
            subscribed("ownerResourceID"), subscribed("lastActivityDate"))),
    CONTACTS("Contacts", "Contact", HelpdeskEntity.CONTACTS, "contactWebhookID", List.of(
            new HookField("companyID", true, true), subscribed("firstName"), subscribed("lastName"),
            subscribed("emailAddress"), subscribed("phone"), subscribed("isActive"), subscribed("lastActivityDate")));

    /**
     * One row of a webhook's Fields child.
     *
     * @param name          the REST field name, as the {@code fieldID} picklist labels it
     * @param subscribed    a change to it makes Autotask call
     * @param displayAlways it is in every payload (identifying fields)
     */
    record HookField(String name, boolean subscribed, boolean displayAlways) {
    }

    private final String hookName;
    private final String entityType;
    private final HelpdeskEntity entity;
    private final String errorLogColumn;
    private final List<HookField> fields;

    AutotaskHookFamily(String hookName, String entityType, HelpdeskEntity entity, String errorLogColumn,
                       List<HookField> fields) {
        this.hookName = hookName;
        this.entityType = entityType;
        this.entity = entity;
        this.errorLogColumn = errorLogColumn;
        this.fields = fields;
    }

    /** {@link horizon.helpdesk.RegisteredHook#name()}: stable, one per family. */
    String hookName() {
        return hookName;
    }

    HelpdeskEntity entity() {
        return entity;
    }

    /** The collection of the webhooks themselves, e.g. {@code TicketWebhooks}. */
    String webhooks() {
        return entityType + "Webhooks";
    }

    /** Where the {@code fieldID} picklist (FieldID by field name) is published. */
    String fieldInformation() {
        return entityType + "WebhookFields/entityInformation/fields";
    }

    /**
     * The WebhookEventErrorLogs column naming a webhook of this family. Autotask documents only accountWebhookID and
     * contactWebhookID; rows of the other families are recognised by their payload's Guid as well.
     */
    String errorLogColumn() {
        return errorLogColumn;
    }

    List<HookField> fields() {
        return fields;
    }

    static Optional<AutotaskHookFamily> named(String hookName) {
        for (AutotaskHookFamily family : values()) {
            if (family.hookName.equals(hookName)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    private static HookField subscribed(String name) {
        return new HookField(name, true, false);
    }

    private static HookField displayed(String name) {
        return new HookField(name, false, true);
    }
}
