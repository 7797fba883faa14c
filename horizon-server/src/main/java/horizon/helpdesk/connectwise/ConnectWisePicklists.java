package horizon.helpdesk.connectwise;

import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistDefinition.Role;
import horizon.helpdesk.PicklistValue;
import java.util.List;

/**
 * The ConnectWise picklists Horizon mirrors, under ConnectWise's names, in the order people expect them. A ticket's
 * status, type, sub-type, item and team belong to its service board, so their values carry the board's id as parent.
 */
final class ConnectWisePicklists {

    static final String TICKET = "Ticket";
    static final String NOTE = "ServiceNote";
    static final String TIME_ENTRY = "TimeEntry";

    /** A note's visibility, from its flags: ConnectWise keeps no list of these, so Horizon names the three. */
    static final String DISCUSSION = "discussion";
    static final String INTERNAL = "internal";
    static final String RESOLUTION = "resolution";

    static final List<PicklistDefinition> DEFINITIONS = List.of(
            ticket("board", "Service board", Role.QUEUE, null),
            ticket("status", "Status", Role.STATUS, "board"),
            ticket("type", "Type", Role.TYPE, "board"),
            ticket("subType", "Sub-type", Role.SUB_TYPE, "board"),
            ticket("item", "Item", Role.ITEM, "board"),
            ticket("team", "Team", Role.TEAM, "board"),
            ticket("priority", "Priority", Role.PRIORITY, null),
            ticket("source", "Source", Role.SOURCE, null),
            new PicklistDefinition(NOTE, "visibility", "Ticket notes", "Visibility (discussion, internal, resolution)",
                    Role.NOTE_VISIBILITY, null),
            new PicklistDefinition(TIME_ENTRY, "workType", "Time entries", "Work type", Role.WORK_TYPE, null),
            new PicklistDefinition(TIME_ENTRY, "workRole", "Time entries", "Work role", Role.WORK_ROLE, null));

    /** A list of one board's values, read from {@code service/boards/{id}/{path}}. */
    record BoardList(String field, String path) {
    }

    /** A list standing alone, read from its own path. */
    record SiteList(String entity, String field, String path) {
    }

    static final List<BoardList> BOARD_LISTS = List.of(new BoardList("status", "statuses"),
            new BoardList("type", "types"), new BoardList("subType", "subtypes"), new BoardList("item", "items"),
            new BoardList("team", "teams"));

    static final List<SiteList> SITE_LISTS = List.of(new SiteList(TICKET, "priority", "service/priorities"),
            new SiteList(TICKET, "source", "service/sources"), new SiteList(TIME_ENTRY, "workType", "time/workTypes"),
            new SiteList(TIME_ENTRY, "workRole", "time/workRoles"));

    /** The three note visibilities, made up by Horizon without a request. */
    static List<PicklistValue> visibilities() {
        return List.of(
                new PicklistValue(NOTE, "visibility", DISCUSSION, "Discussion (the customer sees it)", true, true, 1, null),
                new PicklistValue(NOTE, "visibility", INTERNAL, "Internal analysis (agents only)", true, false, 2, null),
                new PicklistValue(NOTE, "visibility", RESOLUTION, "Resolution (the customer sees it)", true, false, 3,
                        null));
    }

    private ConnectWisePicklists() {
    }

    private static PicklistDefinition ticket(String field, String label, Role role, String parent) {
        return new PicklistDefinition(TICKET, field, "Tickets", label, role, parent);
    }
}
