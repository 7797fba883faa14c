package horizon.helpdesk;

/** The PSA helpdesks Horizon knows by name; only the available ones can be connected today. */
public enum HelpdeskKind {
    AUTOTASK("Autotask", true),
    CONNECTWISE_MANAGE("ConnectWise Manage", false),
    HALOPSA("HaloPSA", false),
    ZOHO_DESK("Zoho Desk", false);

    private final String displayName;
    private final boolean available;

    HelpdeskKind(String displayName, boolean available) {
        this.displayName = displayName;
        this.available = available;
    }

    public String displayName() {
        return displayName;
    }

    /** False while the adapter is not built: the wizard lists the PSA as coming and does not let it be chosen. */
    public boolean available() {
        return available;
    }
}
