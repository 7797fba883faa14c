package horizon.simulator.autotask;

/** What a simulated API user's security level allows; the failing ones exist so clients can be tested against them. */
public enum SecurityLevel {
    /** API User (system) copied with webhook rights and impersonation: everything Horizon needs. */
    API_WEBHOOK,
    /** Can log in to the API but lacks entity permissions: queries answer 500 with Autotask's permission message. */
    NO_ENTITY_ACCESS,
    /** Full entity access but no impersonation and no webhook rights. */
    API_ONLY
}
