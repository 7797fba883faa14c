package horizon.simulator.connectwise.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;

/**
 * The inclusive range of ids a condition can match, so the store looks only at that part of its id-keyed map; empty
 * when {@code min > max}. It only narrows where to look: every record in it still goes through the condition.
 */
public record IdRange(long min, long max) {
    public static final IdRange ALL = new IdRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean isEmpty() {
        return min > max;
    }

    public boolean contains(long id) {
        return id >= min && id <= max;
    }

    public IdRange intersect(IdRange other) {
        return new IdRange(Math.max(min, other.min), Math.min(max, other.max));
    }

    /**
     * The range implied by the conditions on top-level {@code id} that every match must satisfy, that is those
     * reached from the root through ANDs only: {@code = < <= > >=} with a number, and {@code in} with numbers.
     */
    static IdRange allowedBy(Expr expr) {
        if (expr instanceof Expr.And and) {
            IdRange range = ALL;
            for (Expr part : and.parts()) {
                range = range.intersect(allowedBy(part));
            }
            return range;
        }
        if (!(expr instanceof Expr.Compare c) || c.scope() != 0 || !c.path().isTopLevel("id")) {
            return ALL;
        }
        if (c.value() instanceof Operand.ListOf list && c.op() == Expr.Operator.IN) {
            // text or fractional values could still match some id; a null matches none
            return !list.forNumbers().isEmpty() ? ALL : list.wholes().isEmpty() ? new IdRange(1, 0)
                    : new IdRange(Collections.min(list.wholes()), Collections.max(list.wholes()));
        }
        if (!(c.value() instanceof Operand.Numeric n)) {
            return ALL;
        }
        BigDecimal v = n.value();
        return switch (c.op()) {
            case EQ -> n.whole() ? new IdRange(n.longValue(), n.longValue()) : new IdRange(1, 0);
            case GT -> new IdRange(saturate(v.setScale(0, RoundingMode.FLOOR)) + 1, Long.MAX_VALUE);
            case GE -> new IdRange(saturate(v.setScale(0, RoundingMode.CEILING)), Long.MAX_VALUE);
            case LT -> new IdRange(Long.MIN_VALUE, saturate(v.setScale(0, RoundingMode.CEILING)) - 1);
            case LE -> new IdRange(Long.MIN_VALUE, saturate(v.setScale(0, RoundingMode.FLOOR)));
            default -> ALL;
        };
    }

    /** A whole number clamped into longs one inside the extremes, so the ±1 above cannot overflow. */
    private static long saturate(BigDecimal whole) {
        return whole.max(BigDecimal.valueOf(Long.MIN_VALUE + 1)).min(BigDecimal.valueOf(Long.MAX_VALUE - 1))
                .longValueExact();
    }
}
