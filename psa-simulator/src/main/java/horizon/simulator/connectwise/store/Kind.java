package horizon.simulator.connectwise.store;

import java.util.List;
import java.util.Optional;

/**
 * The record collections the simulated ConnectWise serves, each with its REST path under {@code apis/3.0/} ({@code *}
 * stands for the parent record's id), its model name in ConnectWise's API description and, for children, the parent.
 */
public enum Kind {
    TICKETS("Ticket", "service/tickets", null, "Ticket"),
    NOTES("ServiceNote", "service/tickets/*/notes", TICKETS, "Ticket note"),
    TIME_ENTRIES("TimeEntry", "time/entries", null, "Time entry"),
    COMPANY_STATUSES("CompanyStatus", "company/companies/statuses", null, "Company status"),
    COMPANIES("Company", "company/companies", null, "Company"),
    CONTACTS("Contact", "company/contacts", null, "Contact"),
    MEMBERS("Member", "system/members", null, "Member"),
    SECURITY_ROLES("SecurityRole", "system/securityroles", null, "Security role"),
    CALLBACKS("CallbackEntry", "system/callbacks", null, "Callback"),
    BOARDS("Board", "service/boards", null, "Board"),
    BOARD_STATUSES("BoardStatus", "service/boards/*/statuses", BOARDS, "Status"),
    BOARD_TYPES("BoardType", "service/boards/*/types", BOARDS, "Type"),
    BOARD_SUBTYPES("BoardSubType", "service/boards/*/subtypes", BOARDS, "Subtype"),
    BOARD_ITEMS("BoardItem", "service/boards/*/items", BOARDS, "Item"),
    BOARD_TEAMS("BoardTeam", "service/boards/*/teams", BOARDS, "Team"),
    PRIORITIES("Priority", "service/priorities", null, "Priority"),
    SOURCES("Source", "service/sources", null, "Source"),
    WORK_TYPES("WorkType", "time/workTypes", null, "Work type"),
    WORK_ROLES("WorkRole", "time/workRoles", null, "Work role");

    private final String model;
    private final List<String> path;
    private final Kind parent;
    private final String label;

    Kind(String model, String path, Kind parent, String label) {
        this.model = model;
        this.path = List.of(path.split("/"));
        this.parent = parent;
        this.label = label;
    }

    /** The model's name in ConnectWise's API description (Ticket, ServiceNote, ...). */
    public String model() {
        return model;
    }

    /** Path segments under apis/3.0, {@code *} where the parent's id goes. */
    public List<String> path() {
        return path;
    }

    public Optional<Kind> parent() {
        return Optional.ofNullable(parent);
    }

    /** How error messages name a record: "Ticket 123 not found". */
    public String label() {
        return label;
    }

    /** The field of a child record that holds its parent's id, as a path. */
    public String parentField() {
        return switch (this) {
            case NOTES -> "ticketId";
            case BOARD_TEAMS -> "boardId";
            default -> parent == null ? null : "board/id";
        };
    }
}
