package horizon.simulator.connectwise.query;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code conditions}, {@code childConditions} or {@code customFieldConditions} parameter: a predicate over
 * records as ConnectWise serves them, the field paths it names (for the API layer to reject unknown ones) and the
 * range of ids it can match.
 */
public final class Condition implements Predicate<ObjectNode> {
    private static final Condition ALL = new Condition(null, Set.of());

    private final Expr expr;
    private final int depth;
    private final Set<String> fields;
    private final IdRange idRange;

    Condition(Expr expr, Set<String> fields) {
        this.expr = expr;
        this.depth = expr == null ? 1 : expr.depth();
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
        this.idRange = IdRange.allowedBy(expr);
    }

    /** The condition of an absent parameter, which every record satisfies. */
    public static Condition all() {
        return ALL;
    }

    @Override
    public boolean test(ObjectNode record) {
        if (expr == null) {
            return true;
        }
        JsonNode[] scopes = new JsonNode[depth];
        scopes[0] = record;
        return expr.test(scopes);
    }

    /** Both conditions, as the API applies conditions, childConditions and customFieldConditions together. */
    public Condition and(Condition other) {
        if (other.expr == null) {
            return this;
        }
        if (expr == null) {
            return other;
        }
        Set<String> both = new LinkedHashSet<>(fields);
        both.addAll(other.fields);
        return new Condition(new Expr.And(List.of(expr, other.expr)), both);
    }

    /** The field paths the parameters name as written ({@code board/name}; custom fields' relative to the element). */
    public Set<String> fields() {
        return fields;
    }

    /** The ids a matching record can have, from the top-level ANDed conditions on {@code id}. */
    public IdRange idRange() {
        return idRange;
    }
}
