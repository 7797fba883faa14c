package horizon.simulator.connectwise.query;

import horizon.simulator.connectwise.query.Expr.Operator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses ConnectWise's {@code conditions}, {@code childConditions} and {@code customFieldConditions} parameters once
 * per request into a {@link Condition}: comparisons {@code path op value} joined by AND (binding tighter) and OR,
 * grouped by parentheses; keywords, booleans and field names in any case.
 */
public final class ConditionParser {
    private static final FieldPath CUSTOM_FIELDS = FieldPath.of("customFields");

    /** Where the paths of a parameter point: the record, the array they start with, or a custom field. */
    private enum Binding { RECORD, CHILD, CUSTOM_FIELD }

    private enum Kind { WORD, STRING, NUMBER, DATETIME, OPERATOR, LEFT, RIGHT, COMMA, END }

    /** A token; {@code text} is its source, {@code position} 1-based, {@code value} the parsed literal. */
    private record Token(Kind kind, String text, int position, Object value) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private final String parameter;
    private final String source;
    private final Binding binding;
    private final List<Token> tokens = new ArrayList<>();
    private final Set<String> fields = new LinkedHashSet<>();
    private final List<FieldPath> arrays = new ArrayList<>();
    private int next;

    private ConditionParser(String parameter, String source, Binding binding) {
        this.parameter = parameter;
        this.source = source;
        this.binding = binding;
    }

    /** {@code conditions}: paths from the record ({@code board/name}); null or blank matches every record. */
    public static Condition parseConditions(String conditions) {
        ConditionParser parser = new ConditionParser("conditions", conditions, Binding.RECORD);
        return parser.condition(parser.parse());
    }

    /**
     * {@code childConditions}: a path's first segment names an array ({@code communicationItems/value}), and the
     * expression holds when one element of each array named satisfies it all together.
     */
    public static Condition parseChildConditions(String childConditions) {
        ConditionParser parser = new ConditionParser("childConditions", childConditions, Binding.CHILD);
        Expr expr = parser.parse();
        for (int i = parser.arrays.size() - 1; i >= 0 && expr != null; i--) {
            expr = new Expr.AnyElement(parser.arrays.get(i), i + 1, expr);
        }
        return parser.condition(expr);
    }

    /** {@code customFieldConditions}: paths from an element of {@code customFields}, one of which must satisfy it. */
    public static Condition parseCustomFieldConditions(String customFieldConditions) {
        ConditionParser parser = new ConditionParser("customFieldConditions", customFieldConditions,
                Binding.CUSTOM_FIELD);
        Expr expr = parser.parse();
        return parser.condition(expr == null ? null : new Expr.AnyElement(CUSTOM_FIELDS, 1, expr));
    }

    private Condition condition(Expr expr) {
        return new Condition(expr, fields);
    }

    /** The expression, or null when there is none. */
    private Expr parse() {
        if (source == null || source.isBlank()) {
            return null;
        }
        lex();
        Expr expr = or();
        Token t = tokens.get(next);
        if (t.kind() == Kind.RIGHT) {
            throw error("the ')'" + at(t) + " has no matching '('", t);
        }
        if (t.kind() != Kind.END) {
            throw error("expected AND, OR or the end but found '" + t.text() + "'" + at(t), t);
        }
        return expr;
    }

    private Expr or() {
        List<Expr> parts = new ArrayList<>(List.of(and()));
        while (tokens.get(next).isWord("or")) {
            next++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    private Expr and() {
        List<Expr> parts = new ArrayList<>(List.of(primary()));
        while (tokens.get(next).isWord("and")) {
            next++;
            parts.add(primary());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    private Expr primary() {
        Token t = tokens.get(next++);
        if (t.kind() == Kind.LEFT) {
            Expr inner = or();
            Token close = tokens.get(next);
            if (close.kind() != Kind.RIGHT) {
                throw error("the '('" + at(t) + " has no matching ')'", close);
            }
            next++;
            return inner;
        }
        if (t.kind() != Kind.WORD || t.isWord("and") || t.isWord("or")) {
            String found = t.kind() == Kind.END ? "" : " but found '" + t.text() + "'";
            throw error("expected a field name" + found + at(t), t);
        }
        return comparison(t);
    }

    private Expr comparison(Token field) {
        Token t = tokens.get(next++);
        String operator = t.text().toLowerCase(Locale.ROOT);
        Operator op = switch (t.kind() == Kind.WORD || t.kind() == Kind.OPERATOR ? operator : "") {
            case "=" -> Operator.EQ;
            case "!=" -> Operator.NE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case ">" -> Operator.GT;
            case ">=" -> Operator.GE;
            case "contains" -> Operator.CONTAINS;
            case "like" -> Operator.LIKE;
            case "in" -> Operator.IN;
            case "not" -> {
                Token negated = tokens.get(next++);
                operator = "not " + negated.text().toLowerCase(Locale.ROOT);
                if (negated.isWord("contains")) {
                    yield Operator.NOT_CONTAINS;
                }
                if (negated.isWord("like")) {
                    yield Operator.NOT_LIKE;
                }
                if (negated.isWord("in")) {
                    yield Operator.NOT_IN;
                }
                throw error("expected like, contains or in after 'not'" + at(negated), negated);
            }
            default -> throw error("expected an operator after '" + field.text() + "'" + at(t), t);
        };
        Operand value;
        if (op == Operator.IN || op == Operator.NOT_IN) {
            value = list(operator);
        } else {
            Token v = tokens.get(next);
            value = scalar(operator);
            boolean textual = op == Operator.LIKE || op == Operator.NOT_LIKE || op == Operator.CONTAINS
                    || op == Operator.NOT_CONTAINS;
            if (textual && !(value instanceof Operand.Text)) {
                throw error("'" + operator + "' needs a quoted string" + at(v), v);
            }
        }
        LikePattern like = value instanceof Operand.Text text && (op == Operator.LIKE || op == Operator.NOT_LIKE)
                ? LikePattern.compile(text.value()) : null;
        return compare(FieldPath.of(field.text()), op, value, like);
    }

    private Operand list(String operator) {
        Token open = tokens.get(next++);
        if (open.kind() != Kind.LEFT) {
            throw error("expected '(' after '" + operator + "'" + at(open), open);
        }
        List<Operand> values = new ArrayList<>(List.of(scalar("(")));
        while (tokens.get(next).kind() == Kind.COMMA) {
            next++;
            values.add(scalar(","));
        }
        Token close = tokens.get(next++);
        if (close.kind() != Kind.RIGHT) {
            throw error("expected ',' or ')' in the list of '" + operator + "'" + at(close), close);
        }
        return Operand.ListOf.of(values);
    }

    private Operand scalar(String after) {
        Token t = tokens.get(next++);
        return switch (t.kind()) {
            case STRING -> Operand.Text.of((String) t.value());
            case NUMBER -> new Operand.Numeric((BigDecimal) t.value());
            case DATETIME -> Operand.DateTime.of((Instant) t.value());
            default -> {
                if (t.isWord("true") || t.isWord("false")) {
                    yield new Operand.Bool(t.isWord("true"));
                }
                if (t.isWord("null")) {
                    yield new Operand.Null();
                }
                throw error("expected a value after '" + after + "'" + at(t), t);
            }
        };
    }

    /** Binds a path to its scope: the record, or the element of the array it names ({@link Expr.AnyElement}). */
    private Expr compare(FieldPath path, Operator op, Operand value, LikePattern like) {
        fields.add(path.text());
        if (binding == Binding.CUSTOM_FIELD) {
            return new Expr.Compare(path, 1, op, value, like);
        }
        if (binding == Binding.CHILD && path.length() > 1) {
            int scope = 0;
            while (scope < arrays.size() && !arrays.get(scope).text().equalsIgnoreCase(path.segment(0))) {
                scope++;
            }
            if (scope == arrays.size()) {
                arrays.add(FieldPath.of(path.segment(0)));
            }
            return new Expr.Compare(path.rest(), scope + 1, op, value, like);
        }
        return new Expr.Compare(path, 0, op, value, like);
    }

    private void lex() {
        int i = 0;
        int n = source.length();
        while (true) {
            while (i < n && Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            if (i == n) {
                tokens.add(new Token(Kind.END, "", n + 1, null));
                return;
            }
            int start = i;
            char c = source.charAt(i);
            Kind kind;
            Object value = null;
            if (c == '"' || c == '\'') {
                // A backslash escapes the quote that encloses the string; ConnectWise documents no escape, so this
                // is a guess that leaves every other backslash (paths, domains) as it is.
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i == n) {
                        throw error("unterminated string starting at position " + (start + 1), start + 1);
                    }
                    char d = source.charAt(i++);
                    if (d == '\\' && i < n && source.charAt(i) == c) {
                        text.append(c);
                        i++;
                    } else if (d == c) {
                        break;
                    } else {
                        text.append(d);
                    }
                }
                kind = Kind.STRING;
                value = text.toString();
            } else if (c == '[') {
                int close = source.indexOf(']', i);
                if (close < 0) {
                    throw error("unterminated datetime starting at position " + (start + 1), start + 1);
                }
                value = Operand.DateTime.parseInstant(source.substring(i + 1, close).strip());
                if (value == null) {
                    throw error("'" + source.substring(start, close + 1) + "' at position " + (start + 1)
                            + " is not a valid datetime", start + 1);
                }
                kind = Kind.DATETIME;
                i = close + 1;
            } else if (c == '(' || c == ')' || c == ',') {
                kind = c == '(' ? Kind.LEFT : c == ')' ? Kind.RIGHT : Kind.COMMA;
                i++;
            } else if (c == '=' || c == '<' || c == '>' || (c == '!' && i + 1 < n && source.charAt(i + 1) == '=')) {
                kind = Kind.OPERATOR;
                i += c != '=' && i + 1 < n && source.charAt(i + 1) == '=' ? 2 : 1;
            } else if (isDigit(source, i) || (c == '-' && isDigit(source, i + 1))) {
                i++;
                while (isDigit(source, i)) {
                    i++;
                }
                if (i < n && source.charAt(i) == '.' && isDigit(source, i + 1)) {
                    i++;
                    while (isDigit(source, i)) {
                        i++;
                    }
                }
                kind = Kind.NUMBER;
                value = new BigDecimal(source.substring(start, i));
            } else if (isNameStart(c)) {
                i = name(i);
                while (i < n && source.charAt(i) == '/') {
                    if (i + 1 == n || !isNameStart(source.charAt(i + 1))) {
                        throw error("expected a field name after '/' at position " + (i + 2), i + 2);
                    }
                    i = name(i + 1);
                }
                kind = Kind.WORD;
            } else {
                throw error("unexpected character '" + c + "' at position " + (start + 1), start + 1);
            }
            tokens.add(new Token(kind, source.substring(start, i), start + 1, value));
        }
    }

    private int name(int i) {
        while (i < source.length() && (isNameStart(source.charAt(i)) || Character.isDigit(source.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static String at(Token t) {
        return t.kind() == Kind.END ? " at the end" : " at position " + t.position();
    }

    private QuerySyntaxException error(String detail, Token t) {
        return error(detail, t.position());
    }

    private QuerySyntaxException error(String detail, int position) {
        return new QuerySyntaxException(parameter, detail, position);
    }
}
