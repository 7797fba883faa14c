package horizon.simulator.connectwise.store;

/**
 * What a security role grants, in ConnectWise's module and function names; a role lacking one makes the API answer
 * 403 on the collections that need it.
 */
public enum Permission {
    SERVICE_TICKETS("Service Desk", "Service Tickets"),
    TIME_ENTRY("Time & Expense", "Time Entry"),
    COMPANY_MAINTENANCE("Companies", "Company Maintenance"),
    CONTACTS("Companies", "Contacts"),
    MEMBER_MAINTENANCE("System", "Member Maintenance"),
    TABLE_SETUP("System", "Table Setup"),
    API_CALLBACKS("System", "API Callbacks");

    private final String module;
    private final String function;

    Permission(String module, String function) {
        this.module = module;
        this.function = function;
    }

    public String module() {
        return module;
    }

    public String function() {
        return function;
    }

    /** The permission a collection needs. */
    public static Permission of(Kind kind) {
        return switch (kind) {
            case TICKETS, NOTES -> SERVICE_TICKETS;
            case TIME_ENTRIES -> TIME_ENTRY;
            case COMPANIES, COMPANY_STATUSES -> COMPANY_MAINTENANCE;
            case CONTACTS -> CONTACTS;
            case MEMBERS, SECURITY_ROLES -> MEMBER_MAINTENANCE;
            case CALLBACKS -> API_CALLBACKS;
            default -> TABLE_SETUP;
        };
    }
}
