package horizon.simulator.autotask.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One webhook entity family (TicketWebhooks, TicketNoteWebhooks, CompanyWebhooks, ContactWebhooks) with the fields of
 * the watched entity that it can subscribe to. FieldIDs are fixed here, independent of the seed, so a client that
 * hard-codes Autotask's sample ids (Company: companyName 7, companyType 24) still finds them.
 */
enum WebhookFamily {
    TICKET("Ticket", true, "ticketWebhookID", fields(
            "assignedResourceID", "assignedResourceRoleID", "billingCodeID", "companyID", "companyLocationID",
            "completedDate", null, "contactID", "contractID", "createDate", "creatorResourceID", "description",
            "dueDateTime", "estimatedHours", "externalID", "issueType", "lastActivityDate", "priority", "queueID",
            "resolution", "serviceLevelAgreementID", "source", "status", null, "subIssueType", "ticketCategory",
            "ticketNumber", "ticketType", "title", "lastActivityResourceID", "configurationItemID",
            "completedByResourceID", "createdByContactID", "firstResponseDateTime", "resolvedDateTime",
            "lastCustomerVisibleActivityDateTime", "lastTrackedModificationDateTime", "projectID")),
    TICKET_NOTE("TicketNote", false, "ticketNoteWebhookID", fields(
            "createDateTime", "createdByContactID", "creatorResourceID", "description", "lastActivityDate",
            "noteType", "publish", "ticketID", "title", "impersonatorCreatorResourceID",
            "impersonatorUpdaterResourceID")),
    COMPANY("Company", true, "accountWebhookID", fields(
            "address1", "address2", "city", "state", "postalCode", "countryID", "companyName", "companyNumber",
            "isActive", "ownerResourceID", "parentCompanyID", "phone", "fax", "webAddress", "createDate",
            "lastActivityDate", "lastTrackedModifiedDateTime", "classification", "marketSegmentID", "territoryID",
            "taxRegionID", "alternatePhone1", "alternatePhone2", "companyType", "companyCategoryID")),
    CONTACT("Contact", true, "contactWebhookID", fields(
            "companyID", "firstName", "lastName", "emailAddress", "emailAddress2", "emailAddress3", "phone",
            "mobilePhone", "title", "primaryContact", "externalID", "isActive", "lastActivityDate",
            "lastModifiedDate", "createDate", "addressLine", "city", "state", "zipCode", "countryID",
            "alternatePhone", "faxNumber", "middleInitial", "extension", "companyLocationID"));

    private final String entityType;
    private final boolean hasUdfFields;
    private final String errorLogColumn;
    private final List<WatchedField> fields;

    WebhookFamily(String entityType, boolean hasUdfFields, String errorLogColumn, List<WatchedField> fields) {
        this.entityType = entityType;
        this.hasUdfFields = hasUdfFields;
        this.errorLogColumn = errorLogColumn;
        this.fields = fields;
    }

    /** Singular business name, as payloads carry it in EntityType. */
    String entityType() {
        return entityType;
    }

    boolean hasUdfFields() {
        return hasUdfFields;
    }

    /**
     * The WebhookEventErrorLogs column naming this family's webhook. Autotask's model only has accountWebhookID and
     * contactWebhookID; the Ticket and TicketNote columns are the simulator's addition.
     */
    String errorLogColumn() {
        return errorLogColumn;
    }

    List<WatchedField> fields() {
        return fields;
    }

    String webhooksCollection() {
        return entityType + "Webhooks";
    }

    String fieldsCollection() {
        return entityType + "WebhookFields";
    }

    String udfFieldsCollection() {
        return entityType + "WebhookUdfFields";
    }

    String excludedResourcesCollection() {
        return entityType + "WebhookExcludedResources";
    }

    Optional<WatchedField> field(long fieldId) {
        return fields.stream().filter(field -> field.fieldId() == fieldId).findFirst();
    }

    static Optional<WebhookFamily> ofEntityType(String entityType) {
        for (WebhookFamily family : values()) {
            if (family.entityType.equalsIgnoreCase(entityType)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /** Which family a collection name (any of its four collections) belongs to, ignoring case. */
    static Optional<WebhookFamily> ofCollection(String collection) {
        String lower = collection.toLowerCase(Locale.ROOT);
        for (WebhookFamily family : values()) {
            String base = family.entityType.toLowerCase(Locale.ROOT) + "webhook";
            if (lower.equals(base + "s") || lower.equals(base + "fields") || lower.equals(base + "udffields")
                    || lower.equals(base + "excludedresources")) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /** FieldIDs are positions in the list, starting at 1; a null keeps a position free. */
    private static List<WatchedField> fields(String... names) {
        List<WatchedField> list = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                list.add(new WatchedField(i + 1, names[i]));
            }
        }
        return List.copyOf(list);
    }
}
