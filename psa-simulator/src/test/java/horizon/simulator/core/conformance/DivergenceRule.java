package horizon.simulator.core.conformance;

/** One whitelisted, documented way a simulator deliberately answers differently from its PSA's API description. */
public interface DivergenceRule {

    /** Why the real service behaves that way, with the source. */
    String reason();

    /** Whether this rule explains the finding on that exchange. */
    boolean covers(Finding finding, Exchange exchange);
}
