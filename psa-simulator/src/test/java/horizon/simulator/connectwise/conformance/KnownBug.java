package horizon.simulator.connectwise.conformance;

import java.util.List;
import java.util.Optional;

/**
 * Simulator bugs this suite found and reported, not yet fixed. They are not divergences: a case whose only complaints
 * are one of these is aborted with an assumption that names the bug (so it shows as skipped, not passed), and passes
 * on its own once the simulator is fixed. Remove a constant when its fix lands.
 */
enum KnownBug {
    ;

    private final String description;

    KnownBug(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Constants override this; with none open, nothing is explained away. */
    boolean covers(Finding finding, Exchange exchange) {
        return false;
    }

    /** The one bug that explains every violation, if there is one. */
    static Optional<KnownBug> explainingAll(List<Finding> violations, Exchange exchange) {
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        for (KnownBug bug : values()) {
            if (violations.stream().allMatch(f -> bug.covers(f, exchange))) {
                return Optional.of(bug);
            }
        }
        return Optional.empty();
    }
}
