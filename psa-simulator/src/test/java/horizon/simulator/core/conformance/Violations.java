package horizon.simulator.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The suites' verdict on the findings no divergence rule explains. */
public final class Violations {
    private Violations() {
    }

    /** Fails the test on any violation; a reported, still open simulator bug explaining all of them aborts it. */
    public static void assertNone(List<Finding> violations, Exchange x) {
        KnownBug.explainingAll(violations, x).ifPresent(bug ->
                Assumptions.abort("known simulator bug " + bug + ": " + bug.description()));
        assertThat(violations).as(x.describe()).isEmpty();
    }
}
