package horizon.picklist;

import static horizon.ticket.MirrorSeed.value;

import horizon.mirror.MirrorWriter;
import java.util.List;

/** The picklists the picklist tests put into the mirror through {@link MirrorWriter#putPicklist}. */
interface PicklistSeed {

    /** A small Autotask-like set: statuses (one inactive), issue types with sub-issue types, queues, note types. */
    static void acmePicklists(MirrorWriter writer, long accountId) {
        writer.putPicklist(accountId, "Tickets", "status", List.of(
                value("Tickets", "status", "1", "New", true, true, 0, null),
                value("Tickets", "status", "8", "In Progress", true, false, 1, null),
                value("Tickets", "status", "9", "On Hold", false, false, 2, null),
                value("Tickets", "status", "5", "Complete", true, false, 3, null)));
        writer.putPicklist(accountId, "Tickets", "priority", List.of(
                value("Tickets", "priority", "1", "Critical", true, false, 0, null),
                value("Tickets", "priority", "2", "Medium", true, true, 1, null)));
        writer.putPicklist(accountId, "Tickets", "queueID", List.of(
                value("Tickets", "queueID", "29682833", "Level I Support", true, true, 0, null),
                value("Tickets", "queueID", "29682969", "Monitoring Alert", true, false, 1, null)));
        writer.putPicklist(accountId, "Tickets", "issueType", List.of(
                value("Tickets", "issueType", "10", "Hardware", true, false, 0, null),
                value("Tickets", "issueType", "11", "Software", true, false, 1, null)));
        writer.putPicklist(accountId, "Tickets", "subIssueType", List.of(
                value("Tickets", "subIssueType", "100", "Workstation", true, false, 0, "10"),
                value("Tickets", "subIssueType", "101", "Server", false, false, 1, "10"),
                value("Tickets", "subIssueType", "110", "Licensing", true, false, 2, "11")));
        writer.putPicklist(accountId, "TicketNotes", "noteType", List.of(
                value("TicketNotes", "noteType", "1", "Task Detail", true, true, 0, null),
                value("TicketNotes", "noteType", "3", "Resolution", true, false, 1, null)));
        writer.putPicklist(accountId, "Companies", "companyType", List.of(
                value("Companies", "companyType", "1", "Customer", true, true, 0, null)));
    }
}
