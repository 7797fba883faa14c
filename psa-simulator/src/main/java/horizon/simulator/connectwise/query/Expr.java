package horizon.simulator.connectwise.query;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A node of a parsed condition. It is tested against scopes: {@code scopes[0]} is the record, and each
 * {@link AnyElement} puts the array element it is trying in the slot of its nesting depth, where the comparisons on
 * that array's paths read it.
 */
sealed interface Expr {
    boolean test(JsonNode[] scopes);

    /** How many scope slots testing this needs. */
    int depth();

    record And(List<Expr> parts) implements Expr {
        @Override
        public boolean test(JsonNode[] scopes) {
            for (Expr part : parts) {
                if (!part.test(scopes)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int depth() {
            return parts.stream().mapToInt(Expr::depth).max().orElse(1);
        }
    }

    record Or(List<Expr> parts) implements Expr {
        @Override
        public boolean test(JsonNode[] scopes) {
            for (Expr part : parts) {
                if (part.test(scopes)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int depth() {
            return parts.stream().mapToInt(Expr::depth).max().orElse(1);
        }
    }

    /** True when one element of the array at {@code array} (on the record) satisfies {@code body}. */
    record AnyElement(FieldPath array, int scope, Expr body) implements Expr {
        @Override
        public boolean test(JsonNode[] scopes) {
            JsonNode elements = array.resolve(scopes[0]);
            if (elements == null) {
                return false;
            }
            if (!elements.isArray()) {
                // a reference object searched as a child is its own single element
                scopes[scope] = elements;
                return body.test(scopes);
            }
            for (JsonNode element : elements) {
                scopes[scope] = element;
                if (body.test(scopes)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int depth() {
            return Math.max(scope + 1, body.depth());
        }
    }

    /**
     * One {@code path operator value} comparison, with SQL's null semantics: a missing field satisfies only
     * {@code = null}; {@code != null} is satisfied by any present value; nothing else compares with null.
     */
    record Compare(FieldPath path, int scope, Operator op, Operand value, LikePattern like) implements Expr {
        @Override
        public boolean test(JsonNode[] scopes) {
            JsonNode field = path.resolve(scopes[scope]);
            if (value instanceof Operand.Null) {
                return op == Operator.EQ ? field == null : op == Operator.NE && field != null;
            }
            if (field == null) {
                return false;
            }
            return switch (op) {
                case EQ, IN -> value.matches(field);
                case NOT_IN -> !((Operand.ListOf) value).hasNull() && !value.matches(field);
                case NE, LT, LE, GT, GE -> {
                    int c = value.compare(field);
                    yield c != Operand.INCOMPARABLE && switch (op) {
                        case NE -> c != 0;
                        case LT -> c < 0;
                        case LE -> c <= 0;
                        case GT -> c > 0;
                        default -> c >= 0;
                    };
                }
                case CONTAINS, NOT_CONTAINS -> {
                    String text = text(field);
                    String needle = ((Operand.Text) value).value();
                    yield text != null && containsIgnoreCase(text, needle) == (op == Operator.CONTAINS);
                }
                case LIKE, NOT_LIKE -> {
                    String text = text(field);
                    yield text != null && like.matches(text) == (op == Operator.LIKE);
                }
            };
        }

        private static boolean containsIgnoreCase(String text, String needle) {
            for (int i = 0, last = text.length() - needle.length(); i <= last; i++) {
                if (text.regionMatches(true, i, needle, 0, needle.length())) {
                    return true;
                }
            }
            return false;
        }

        /** A field as SQL would hand it to LIKE: strings as they are, numbers as digits, nothing else. */
        private static String text(JsonNode field) {
            return field.isString() ? field.stringValue() : field.isNumber() ? field.asString() : null;
        }

        @Override
        public int depth() {
            return scope + 1;
        }
    }

    /** The comparison operators of the conditions grammar. */
    enum Operator {
        EQ, NE, LT, LE, GT, GE, CONTAINS, NOT_CONTAINS, LIKE, NOT_LIKE, IN, NOT_IN
    }
}
