package horizon.helpdesk;

/** The PSA helpdesks Horizon knows by name; those with an adapter in {@link Helpdesks} can be connected. */
public enum HelpdeskKind {
    AUTOTASK("Autotask"),
    CONNECTWISE_MANAGE("ConnectWise PSA"),
    HALOPSA("HaloPSA"),
    ZOHO_DESK("Zoho Desk");

    private final String displayName;

    HelpdeskKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
