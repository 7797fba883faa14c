package horizon.account;

/** What a Horizon user may do: ADMIN configures the account and its integrations, AGENT works tickets. */
public enum Role {
    ADMIN,
    AGENT
}
