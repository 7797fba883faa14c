package horizon.helpdesk.autotask;

import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistDefinition.Role;
import java.util.List;

/** The Autotask picklists Horizon mirrors, under Autotask's names, in the order the Picklist Database shows them. */
final class AutotaskPicklists {

    static final List<PicklistDefinition> DEFINITIONS = List.of(
            ticket("status", "Ticket status", Role.STATUS),
            ticket("priority", "Priority", Role.PRIORITY),
            ticket("queueID", "Queue", Role.QUEUE),
            ticket("issueType", "Issue type", Role.TYPE),
            new PicklistDefinition("Tickets", "subIssueType", "Tickets", "Sub-issue type", Role.SUB_TYPE, "issueType"),
            ticket("source", "Source", Role.SOURCE),
            ticket("ticketType", "Ticket type", Role.OTHER),
            ticket("ticketCategory", "Ticket category", Role.CATEGORY),
            ticket("serviceLevelAgreementID", "Service level agreement", Role.OTHER),
            of("TicketNotes", "Ticket notes", "noteType", "Note type", Role.NOTE_TYPE),
            of("TicketNotes", "Ticket notes", "publish", "Publish (who may see a note)", Role.NOTE_VISIBILITY),
            of("TimeEntries", "Time entries", "timeEntryType", "Time entry type", Role.WORK_TYPE),
            of("Companies", "Companies", "companyType", "Company type", Role.COMPANY_TYPE),
            of("Companies", "Companies", "classification", "Company classification", Role.OTHER),
            of("Resources", "Helpdesk users (resources)", "licenseType", "License type", Role.OTHER),
            of("Resources", "Helpdesk users (resources)", "userType", "User type", Role.OTHER),
            of("ResourceRoles", "Resource roles", "queueID", "Queue of a resource role", Role.QUEUE));

    private AutotaskPicklists() {
    }

    private static PicklistDefinition ticket(String field, String label, Role role) {
        return of("Tickets", "Tickets", field, label, role);
    }

    private static PicklistDefinition of(String entity, String entityLabel, String field, String label, Role role) {
        return new PicklistDefinition(entity, field, entityLabel, label, role, null);
    }
}
