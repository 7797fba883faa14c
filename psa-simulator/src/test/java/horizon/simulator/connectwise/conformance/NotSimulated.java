package horizon.simulator.connectwise.conformance;

import java.util.List;

/**
 * The GET paths of ConnectWise's description that lie under a collection the simulator serves but that the simulator
 * does not serve, each group with the reason. {@code CollectionConformanceTest} asserts that this list is exactly the
 * description's paths under the served collections that are not a list, an item or a count, and that each of them is
 * refused with ConnectWise's 404. A path added to the description under a served collection therefore fails the suite
 * until it gets a case or is listed here.
 */
enum NotSimulated {
    USAGES("where a record is used (ConnectWise's check before a delete); the simulator keeps no usage index",
            "/company/companies/{id}/usages", "/company/companies/{id}/usages/list",
            "/company/companies/{parentId}/sites/{id}/usages", "/company/companies/{parentId}/sites/{id}/usages/list",
            "/company/companies/statuses/{id}/usages", "/company/companies/statuses/{id}/usages/list",
            "/company/companies/types/{id}/usages", "/company/companies/types/{id}/usages/list",
            "/company/contacts/{id}/usages", "/company/contacts/{id}/usages/list",
            "/company/contacts/departments/{id}/usages", "/company/contacts/departments/{id}/usages/list",
            "/service/boards/{id}/usages", "/service/boards/{id}/usages/list",
            "/service/boards/{parentId}/items/{id}/usages", "/service/boards/{parentId}/items/{id}/usages/list",
            "/service/boards/{parentId}/statuses/{id}/usages", "/service/boards/{parentId}/statuses/{id}/usages/list",
            "/service/boards/{parentId}/subtypes/{id}/usages", "/service/boards/{parentId}/subtypes/{id}/usages/list",
            "/service/boards/{parentId}/teams/{id}/usages/list",
            "/service/boards/{parentId}/types/{id}/usages", "/service/boards/{parentId}/types/{id}/usages/list",
            "/service/priorities/{id}/usages", "/service/priorities/{id}/usages/list",
            "/service/sources/{id}/usages", "/service/sources/{id}/usages/list",
            "/system/members/{id}/usages", "/system/members/{id}/usages/list",
            "/time/workRoles/{id}/usages", "/time/workRoles/{id}/usages/list",
            "/time/workTypes/{id}/usages", "/time/workTypes/{id}/usages/list"),
    INFO_VIEWS("the /info projections (id, name and a few flags) of picklists; clients read the full collections",
            "/company/companies/info/types", "/company/companies/info/types/{id}", "/company/companies/info/types/count",
            "/company/contacts/types/info", "/company/contacts/types/{id}/info", "/company/contacts/types/count/info",
            "/time/workRoles/info", "/time/workRoles/{id}/info", "/time/workRoles/info/count"),
    OTHER_TICKET_CHILDREN("a ticket's activities, configurations, documents, products, schedule entries and tasks are "
            + "not simulated; its time entries are served only as /time/entries (conditions=chargeToType=\"ServiceTicket\" "
            + "and chargeToId=N), not under the ticket",
            "/service/tickets/{parentId}/activities", "/service/tickets/{parentId}/activities/count",
            "/service/tickets/{parentId}/configurations", "/service/tickets/{parentId}/configurations/{id}",
            "/service/tickets/{parentId}/configurations/count",
            "/service/tickets/{parentId}/documents", "/service/tickets/{parentId}/documents/count",
            "/service/tickets/{parentId}/products", "/service/tickets/{parentId}/products/count",
            "/service/tickets/{parentId}/scheduleentries", "/service/tickets/{parentId}/scheduleentries/count",
            "/service/tickets/{parentId}/tasks", "/service/tickets/{parentId}/tasks/{id}",
            "/service/tickets/{parentId}/tasks/count",
            "/service/tickets/{parentId}/timeentries", "/service/tickets/{parentId}/timeentries/count"),
    COMPANY_AND_CONTACT_CHILDREN("a company's custom status notes, groups, notes and sites and a contact's groups and "
            + "notes are not simulated (a company's site is carried only as a reference)",
            "/company/companies/{parentId}/customStatusNotes", "/company/companies/{parentId}/customStatusNotes/{id}",
            "/company/companies/{parentId}/customStatusNotes/count",
            "/company/companies/{parentId}/groups", "/company/companies/{parentId}/groups/{id}",
            "/company/companies/{parentId}/groups/count",
            "/company/companies/{parentId}/notes", "/company/companies/{parentId}/notes/{id}",
            "/company/companies/{parentId}/notes/count",
            "/company/companies/{parentId}/sites", "/company/companies/{parentId}/sites/{id}",
            "/company/companies/{parentId}/sites/count",
            "/company/contacts/{parentId}/groups", "/company/contacts/{parentId}/groups/{id}",
            "/company/contacts/{parentId}/groups/count",
            "/company/contacts/{parentId}/notes", "/company/contacts/{parentId}/notes/{id}",
            "/company/contacts/{parentId}/notes/count"),
    OTHER_PICKLISTS("company types, contact types and contact departments are not held as collections (records "
            + "carry them only as references)",
            "/company/companies/types", "/company/companies/types/{id}", "/company/companies/types/count",
            "/company/contacts/types", "/company/contacts/types/{id}", "/company/contacts/types/count",
            "/company/contacts/departments", "/company/contacts/departments/{id}", "/company/contacts/departments/count"),
    SPECIAL_ROUTES("defaults for new records, images, portal security, SLA calculation, the ticket change log, "
            + "calendar sync and SSO members, and a member by identifier (whose route the description renders as a "
            + "cut-off regex) are not simulated",
            "/company/companies/default", "/company/contacts/default", "/company/contacts/{id}/image",
            "/company/contacts/{id}/portalSecurity", "/service/priorities/{id}/image",
            "/service/tickets/calculateSla", "/service/tickets/changelogs",
            "/system/members/calendarsync", "/system/members/withSso",
            "/system/members/{memberIdentifier:regex(^(types. |(");

    private final String reason;
    private final List<String> paths;

    NotSimulated(String reason, String... paths) {
        this.reason = reason;
        this.paths = List.of(paths);
    }

    String reason() {
        return reason;
    }

    /** The description's paths, exactly as its {@code paths} keys spell them. */
    List<String> paths() {
        return paths;
    }
}
