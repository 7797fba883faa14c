package horizon.simulator.autotask.webhook;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The camelCase wire form of the webhook rows and the field metadata of their collections
 * ({@code entityInformation/fields}), in the property order of the June 2026 Swagger models.
 */
final class WebhookJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One row of {@code entityInformation/fields}. */
    record FieldInfo(String name, String dataType, int length, boolean required, boolean readOnly,
                     String referenceEntityType) {
    }

    static final List<FieldInfo> WEBHOOK_FIELDS = List.of(
            new FieldInfo("id", "long", 0, true, true, null),
            new FieldInfo("deactivationUrl", "string", 500, true, false, null),
            new FieldInfo("isActive", "boolean", 0, true, false, null),
            new FieldInfo("isReady", "boolean", 0, false, true, null),
            new FieldInfo("isSubscribedToCreateEvents", "boolean", 0, false, false, null),
            new FieldInfo("isSubscribedToDeleteEvents", "boolean", 0, false, false, null),
            new FieldInfo("isSubscribedToUpdateEvents", "boolean", 0, false, false, null),
            new FieldInfo("name", "string", 50, false, false, null),
            new FieldInfo("notificationEmailAddress", "string", 150, false, false, null),
            new FieldInfo("ownerResourceID", "integer", 0, false, true, "Resource"),
            new FieldInfo("secretKey", "string", 64, false, false, null),
            new FieldInfo("sendThresholdExceededNotification", "boolean", 0, false, false, null),
            new FieldInfo("webhookGUID", "string", 100, false, true, null),
            new FieldInfo("webhookUrl", "string", 500, true, false, null));

    static final List<FieldInfo> ERROR_LOG_FIELDS = List.of(
            new FieldInfo("id", "long", 0, true, true, null),
            new FieldInfo("accountWebhookID", "integer", 0, false, true, "CompanyWebhook"),
            new FieldInfo("contactWebhookID", "integer", 0, false, true, "ContactWebhook"),
            new FieldInfo("ticketWebhookID", "integer", 0, false, true, "TicketWebhook"),
            new FieldInfo("ticketNoteWebhookID", "integer", 0, false, true, "TicketNoteWebhook"),
            new FieldInfo("createDateTime", "datetime", 0, false, true, null),
            new FieldInfo("errorMessage", "string", 8000, false, true, null),
            new FieldInfo("payload", "string", 8000, false, true, null),
            new FieldInfo("sequenceNumber", "integer", 0, false, true, null));

    private WebhookJson() {
    }

    static List<FieldInfo> fieldRowFields(WebhookFamily family, boolean udf) {
        return List.of(
                new FieldInfo("id", "long", 0, true, true, null),
                udf ? new FieldInfo("udfFieldID", "integer", 0, true, false, null)
                        : new FieldInfo("fieldID", "integer", 0, true, false, null),
                new FieldInfo("isDisplayAlwaysField", "boolean", 0, true, false, null),
                new FieldInfo("isSubscribedField", "boolean", 0, true, false, null),
                new FieldInfo("webhookID", "integer", 0, true, false, family.entityType() + "Webhook"));
    }

    static List<FieldInfo> excludedResourceFields(WebhookFamily family) {
        return List.of(
                new FieldInfo("id", "long", 0, true, true, null),
                new FieldInfo("resourceID", "integer", 0, true, false, "Resource"),
                new FieldInfo("webhookID", "integer", 0, true, false, family.entityType() + "Webhook"));
    }

    static List<String> names(List<FieldInfo> fields) {
        return fields.stream().map(FieldInfo::name).toList();
    }

    /**
     * secretKey is never read back: Autotask's UI treats it like a password, and a simulator that echoed it would let
     * a client depend on reading it. Tests get it from {@link Webhooks#secretKey}.
     */
    static ObjectNode webhook(Webhook webhook, boolean ready) {
        ObjectNode node = NODES.objectNode();
        node.put("id", webhook.id());
        node.put("deactivationUrl", webhook.deactivationUrl());
        node.put("isActive", webhook.active());
        node.put("isReady", ready);
        node.put("isSubscribedToCreateEvents", webhook.createEvents());
        node.put("isSubscribedToDeleteEvents", webhook.deleteEvents());
        node.put("isSubscribedToUpdateEvents", webhook.updateEvents());
        node.put("name", webhook.name());
        node.put("notificationEmailAddress", webhook.notificationEmailAddress());
        node.put("ownerResourceID", webhook.ownerResourceId());
        node.putNull("secretKey");
        node.put("sendThresholdExceededNotification", webhook.sendThresholdExceededNotification());
        node.put("webhookGUID", webhook.guid());
        node.put("webhookUrl", webhook.webhookUrl());
        return node;
    }

    static ObjectNode field(WebhookField field, boolean udf) {
        ObjectNode node = NODES.objectNode();
        node.put("id", field.id());
        node.put(udf ? "udfFieldID" : "fieldID", field.fieldId());
        node.put("isDisplayAlwaysField", field.displayAlways());
        node.put("isSubscribedField", field.subscribed());
        node.put("webhookID", field.webhookId());
        return node;
    }

    static ObjectNode excluded(ExcludedResource resource) {
        ObjectNode node = NODES.objectNode();
        node.put("id", resource.id());
        node.put("resourceID", resource.resourceId());
        node.put("webhookID", resource.webhookId());
        return node;
    }

    static ObjectNode errorLog(EventErrorLog log) {
        ObjectNode node = NODES.objectNode();
        node.put("id", log.id());
        for (WebhookFamily family : List.of(WebhookFamily.COMPANY, WebhookFamily.CONTACT, WebhookFamily.TICKET,
                WebhookFamily.TICKET_NOTE)) {
            if (family == log.family()) {
                node.put(family.errorLogColumn(), log.webhookId());
            } else {
                node.putNull(family.errorLogColumn());
            }
        }
        node.put("createDateTime", EventTimes.format(log.createDateTime()));
        node.put("errorMessage", log.errorMessage());
        node.put("payload", log.payload());
        node.put("sequenceNumber", log.sequenceNumber());
        return node;
    }

    /** {@code {"fields": [...]}}; {@code picklists} maps a field name to its values (value → label). */
    static ObjectNode fieldInformation(List<FieldInfo> fields, Map<String, Map<String, String>> picklists) {
        ObjectNode result = NODES.objectNode();
        ArrayNode array = result.putArray("fields");
        for (FieldInfo field : fields) {
            ObjectNode node = array.addObject();
            node.put("name", field.name());
            node.put("dataType", field.dataType());
            node.put("length", field.length());
            node.put("isRequired", field.required());
            node.put("isReadOnly", field.readOnly());
            node.put("isQueryable", true);
            node.put("isReference", field.referenceEntityType() != null);
            node.put("referenceEntityType", field.referenceEntityType() == null ? "" : field.referenceEntityType());
            Map<String, String> picklist = picklists.get(field.name());
            node.put("isPickList", picklist != null);
            if (picklist == null) {
                node.putNull("picklistValues");
            } else {
                ArrayNode values = node.putArray("picklistValues");
                int sortOrder = 0;
                for (Map.Entry<String, String> value : picklist.entrySet()) {
                    ObjectNode entry = values.addObject();
                    entry.put("value", value.getKey());
                    entry.put("label", value.getValue());
                    entry.put("isDefaultValue", false);
                    entry.put("sortOrder", sortOrder++);
                    entry.put("parentValue", "");
                    entry.put("isActive", true);
                    entry.put("isSystem", true);
                }
            }
            node.put("picklistParentValueField", "");
            node.put("isSupportedWebhookField", false);
        }
        return result;
    }

    static ObjectNode entityInformation(String name, boolean canCreate, boolean canDelete, boolean canUpdate) {
        ObjectNode result = NODES.objectNode();
        ObjectNode info = result.putObject("info");
        info.put("name", name);
        info.put("canCreate", canCreate);
        info.put("canDelete", canDelete);
        info.put("canQuery", true);
        info.put("canUpdate", canUpdate);
        info.put("hasUserDefinedFields", false);
        info.put("supportsWebhookCallouts", false);
        return result;
    }
}
