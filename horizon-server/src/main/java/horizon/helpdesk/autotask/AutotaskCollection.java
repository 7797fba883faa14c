package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskEntity;

/**
 * The Autotask entity collections Horizon reads, with the field each is polled on.
 *
 * <p>Contacts carry both {@code lastActivityDate} and {@code lastModifiedDate}; Horizon polls on
 * {@code lastActivityDate}, which Autotask's best-practice table names for contacts too and which also moves when the
 * contact itself changes. Resources and their roles have no change date and are always read in full.
 */
enum AutotaskCollection {
    TICKETS("Tickets", "lastActivityDate"),
    TICKET_NOTES("TicketNotes", "lastActivityDate"),
    TIME_ENTRIES("TimeEntries", "lastModifiedDateTime"),
    COMPANIES("Companies", "lastActivityDate"),
    CONTACTS("Contacts", "lastActivityDate"),
    RESOURCES("Resources", null),
    RESOURCE_ROLES("ResourceRoles", null),
    DELETED_TICKET_LOGS("DeletedTicketLogs", "deletedDateTime"),
    DELETED_TICKET_ACTIVITY_LOGS("DeletedTicketActivityLogs", "deletedDateTime");

    private final String path;
    private final String watermark;

    AutotaskCollection(String path, String watermark) {
        this.path = path;
        this.watermark = watermark;
    }

    /** The collection's name in URLs, e.g. {@code Tickets}; also the endpoint Autotask counts threads on. */
    String path() {
        return path;
    }

    /** The date-time field a {@code changedSince} filter applies to, {@code null} when the collection has none. */
    String watermark() {
        return watermark;
    }

    static AutotaskCollection of(HelpdeskEntity entity) {
        return switch (entity) {
            case HELPDESK_USERS -> RESOURCES;
            case COMPANIES -> COMPANIES;
            case CONTACTS -> CONTACTS;
            case TICKETS -> TICKETS;
            case TICKET_NOTES -> TICKET_NOTES;
            case TIME_ENTRIES -> TIME_ENTRIES;
        };
    }
}
