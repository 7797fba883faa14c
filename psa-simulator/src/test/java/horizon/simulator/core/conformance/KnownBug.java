package horizon.simulator.core.conformance;

import java.util.List;
import java.util.Optional;

/**
 * Simulator bugs the conformance suites found and reported, not yet fixed. They are not divergences: a case whose
 * only complaints are one of these is aborted with an assumption that names the bug (so it shows as skipped, not
 * passed), and passes on its own once the simulator is fixed. A constant's {@code covers} matches only its own PSA's
 * paths. Remove a constant when its fix lands.
 */
public enum KnownBug {
    ;

    private final String description;

    KnownBug(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Constants override this; with none open, nothing is explained away. */
    boolean covers(Finding finding, Exchange exchange) {
        return false;
    }

    /** The one bug that explains every violation, if there is one. */
    public static Optional<KnownBug> explainingAll(List<Finding> violations, Exchange exchange) {
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
