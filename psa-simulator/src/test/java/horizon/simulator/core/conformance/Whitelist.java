package horizon.simulator.core.conformance;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PSA's divergence rules applied to findings, remembering which rules were needed so that a suite can assert that
 * none is dead.
 *
 * @param <R> the PSA's enum of rules
 */
public final class Whitelist<R extends Enum<R> & DivergenceRule> {
    private final Class<R> rules;
    private final Set<R> used = ConcurrentHashMap.newKeySet();

    public Whitelist(Class<R> rules) {
        this.rules = rules;
    }

    /** The rule that explains the finding, if any. */
    public Optional<R> explaining(Finding finding, Exchange exchange) {
        for (R rule : rules.getEnumConstants()) {
            if (rule.covers(finding, exchange)) {
                used.add(rule);
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The findings no rule explains, each once: every one is a simulator bug. */
    public List<Finding> unexplained(List<Finding> findings, Exchange exchange) {
        return findings.stream().filter(f -> explaining(f, exchange).isEmpty()).distinct().toList();
    }

    /** The rules that explained at least one finding in this JVM: a rule nothing needs should be deleted. */
    public Set<R> used() {
        return Set.copyOf(used);
    }
}
