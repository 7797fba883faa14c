package horizon.simulator.autotask.store;

/** A write Autotask refuses; the API answers 500 with the message in {@code errors[]}, as Autotask does. */
public final class RuleViolation extends RuntimeException {
    public RuleViolation(String message) {
        super(message, null, false, false);
    }
}
