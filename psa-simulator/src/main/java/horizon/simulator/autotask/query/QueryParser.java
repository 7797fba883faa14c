package horizon.simulator.autotask.query;

import horizon.simulator.autotask.store.DataType;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.FieldDef;
import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.UdfDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Turns Autotask's search JSON into a predicate over rows, the way the real service reads it: keys, operator names and
 * field names in any case; top-level conditions ANDed; an unknown operator silently dropped (the whole condition
 * matches everything); an unknown field a 500; string comparisons case-insensitive as in SQL Server's default
 * collation; null values never satisfy a comparison.
 */
public final class QueryParser {
    public static final int MAX_PAGE = 500;
    public static final int MAX_OR_CONDITIONS = 500;
    static final String TOO_MANY_OR = "Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.";

    private final EntitySchema schema;
    private int udfCount;
    private int orConditions;

    private QueryParser(EntitySchema schema) {
        this.schema = schema;
    }

    /** Parses a search body (a JSON object; null means an empty search). */
    public static Query parse(EntitySchema schema, JsonNode search) {
        return new QueryParser(schema).parse(search);
    }

    private Query parse(JsonNode search) {
        if (search != null && !search.isNull() && !search.isObject()) {
            throw new QueryException("Invalid query syntax. The search must be a JSON object.");
        }
        JsonNode filterNode = search == null ? null : key(search, "filter");
        List<Predicate<Row>> conditions = new ArrayList<>();
        long[] idRange = {Long.MIN_VALUE, Long.MAX_VALUE};
        int lookupField = -1;
        Set<Object> lookupValues = Set.of();
        if (filterNode != null && !filterNode.isNull()) {
            if (!filterNode.isArray()) {
                throw new QueryException("Invalid query syntax. The filter must be an array of conditions.");
            }
            for (JsonNode condition : filterNode) {
                Predicate<Row> p = compile(condition);
                if (p != null) {
                    conditions.add(p);
                    narrowIdRange(condition, idRange);
                    Optional<Map.Entry<FieldDef, Set<Object>>> lookup = lookup(condition);
                    if (lookupField < 0 && lookup.isPresent()) {
                        lookupField = lookup.get().getKey().index();
                        lookupValues = lookup.get().getValue();
                    }
                }
            }
        }
        if (orConditions > MAX_OR_CONDITIONS) {
            throw new QueryException(TOO_MANY_OR);
        }
        Set<String> include = null;
        JsonNode includeNode = search == null ? null : key(search, "includefields");
        if (includeNode != null && includeNode.isArray() && !includeNode.isEmpty()) {
            include = new HashSet<>();
            include.add("id");
            for (JsonNode name : includeNode) {
                String field = name.asString();
                if (field.equalsIgnoreCase("userDefinedFields") && schema.hasUdfs()) {
                    include.add("userdefinedfields");
                    continue;
                }
                FieldDef def = schema.field(field).orElseThrow(() -> unknownField(field));
                include.add(def.name().toLowerCase(Locale.ROOT));
            }
        }
        int max = MAX_PAGE;
        JsonNode maxNode = search == null ? null : key(search, "maxrecords");
        if (maxNode != null && !maxNode.isNull()) {
            max = maxNode.asInt(-1);
            if (max < 1 || max > MAX_PAGE) {
                throw new QueryException("MaxRecords must be between 1 and 500.");
            }
        }
        Predicate<Row> filter = and(conditions);
        return new Query(filter, include, max, idRange[0], idRange[1], lookupField, lookupValues);
    }

    /** The field and values of a top-level {@code eq} or {@code in} condition on a field (not a UDF). */
    private Optional<Map.Entry<FieldDef, Set<Object>>> lookup(JsonNode condition) {
        JsonNode op = key(condition, "op");
        JsonNode field = key(condition, "field");
        JsonNode udf = key(condition, "udf");
        JsonNode value = key(condition, "value");
        String operator = op == null ? "" : op.asString("").toLowerCase(Locale.ROOT);
        if (field == null || value == null || value.isNull() || (udf != null && udf.asBoolean(false))
                || !(operator.equals("eq") || operator.equals("in"))) {
            return Optional.empty();
        }
        Optional<FieldDef> def = schema.field(field.asString(""));
        if (def.isEmpty()) {
            return Optional.empty();
        }
        DataType type = def.get().dataType();
        Set<Object> values = new HashSet<>();
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            Object converted = normalize(convert(type, def.get().name(), v), type);
            if (converted == null) {
                // A null matches rows without a value, which no index holds: leave this condition to the scan.
                return Optional.empty();
            }
            values.add(converted);
        }
        return Optional.of(Map.entry(def.get(), values));
    }

    /**
     * Narrows {@code range} by a top-level condition on {@code id} with a whole-number value, so paging with an id
     * cursor looks at the rows after the cursor only instead of testing the filter on every row before it. The
     * condition stays in the filter; anything else leaves the range as it is.
     */
    private static void narrowIdRange(JsonNode condition, long[] range) {
        JsonNode field = key(condition, "field");
        JsonNode op = key(condition, "op");
        JsonNode udf = key(condition, "udf");
        JsonNode value = key(condition, "value");
        if (field == null || op == null || value == null || !field.asString("").equalsIgnoreCase("id")
                || (udf != null && udf.asBoolean(false))) {
            return;
        }
        long id;
        try {
            id = value.isIntegralNumber() ? value.asLong() : Long.parseLong(value.asString("").strip());
        } catch (NumberFormatException e) {
            return;
        }
        switch (op.asString("").toLowerCase(Locale.ROOT)) {
            case "eq" -> {
                range[0] = Math.max(range[0], id);
                range[1] = Math.min(range[1], id);
            }
            case "gt" -> range[0] = Math.max(range[0], id == Long.MAX_VALUE ? id : id + 1);
            case "gte" -> range[0] = Math.max(range[0], id);
            case "lt" -> range[1] = Math.min(range[1], id == Long.MIN_VALUE ? id : id - 1);
            case "lte" -> range[1] = Math.min(range[1], id);
            default -> {
            }
        }
    }

    private QueryException unknownField(String field) {
        return new QueryException("Unable to find " + field + " in the " + schema.singular() + " Entity");
    }

    /** A property of a JSON object by its lower-case name, matched ignoring case as ASP.NET binds them. */
    public static JsonNode key(JsonNode object, String lowerName) {
        for (var e : object.properties()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Predicate<Row> and(List<Predicate<Row>> parts) {
        if (parts.isEmpty()) {
            return row -> true;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        @SuppressWarnings("unchecked")
        Predicate<Row>[] array = parts.toArray(new Predicate[0]);
        return row -> {
            for (Predicate<Row> p : array) {
                if (!p.test(row)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Compiles one condition; null when Autotask would drop it (unknown operator, empty group). */
    private Predicate<Row> compile(JsonNode condition) {
        if (!condition.isObject()) {
            throw new QueryException("Invalid query syntax. Each filter condition must be a JSON object.");
        }
        JsonNode opNode = key(condition, "op");
        String op = opNode == null ? "" : opNode.asString("").toLowerCase(Locale.ROOT);
        if (op.equals("and") || op.equals("or")) {
            JsonNode items = key(condition, "items");
            List<Predicate<Row>> parts = new ArrayList<>();
            if (items != null && items.isArray()) {
                if (op.equals("or")) {
                    orConditions += items.size();
                }
                for (JsonNode item : items) {
                    Predicate<Row> p = compile(item);
                    if (p != null) {
                        parts.add(p);
                    }
                }
            }
            if (parts.isEmpty()) {
                return null;
            }
            if (op.equals("and")) {
                return and(parts);
            }
            @SuppressWarnings("unchecked")
            Predicate<Row>[] array = parts.toArray(new Predicate[0]);
            return row -> {
                for (Predicate<Row> p : array) {
                    if (p.test(row)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (!Set.of("eq", "noteq", "gt", "gte", "lt", "lte", "beginswith", "endswith", "contains", "exist", "notexist",
                "in", "notin").contains(op)) {
            return null;
        }
        JsonNode fieldNode = key(condition, "field");
        if (fieldNode == null || fieldNode.asString("").isBlank()) {
            throw new QueryException("Invalid query syntax. The " + opNode.asString() + " condition has no field.");
        }
        String fieldName = fieldNode.asString();
        JsonNode udfNode = key(condition, "udf");
        boolean udf = udfNode != null && udfNode.asBoolean(false);
        Function<Row, Object> getter;
        DataType type;
        if (udf) {
            UdfDef def = schema.udf(fieldName).orElseThrow(() -> unknownField(fieldName));
            if (++udfCount > 1) {
                throw new QueryException("Only one user-defined field may be used in a query.");
            }
            String name = def.name();
            getter = row -> row.udfs().get(name);
            type = DataType.STRING;
        } else {
            FieldDef def = schema.field(fieldName).orElseThrow(() -> unknownField(fieldName));
            int index = def.index();
            getter = row -> row.get(index);
            type = def.dataType();
        }
        JsonNode value = key(condition, "value");
        return leaf(op, fieldName, type, getter, value);
    }

    private Predicate<Row> leaf(String op, String field, DataType type, Function<Row, Object> getter, JsonNode value) {
        switch (op) {
            case "exist":
                return row -> getter.apply(row) != null;
            case "notexist":
                return row -> getter.apply(row) == null;
            case "in", "notin": {
                Set<Object> set = new HashSet<>();
                if (value != null && value.isArray()) {
                    for (JsonNode v : value) {
                        set.add(normalize(convert(type, field, v), type));
                    }
                } else if (value != null && !value.isNull()) {
                    set.add(normalize(convert(type, field, value), type));
                }
                boolean in = op.equals("in");
                return row -> {
                    Object actual = getter.apply(row);
                    return actual != null && set.contains(normalize(actual, type)) == in;
                };
            }
            default:
                break;
        }
        if (value == null || value.isNull()) {
            // eq null is how clients ask for a missing value; other comparisons against null match nothing
            if (op.equals("eq")) {
                return row -> getter.apply(row) == null;
            }
            if (op.equals("noteq")) {
                return row -> getter.apply(row) != null;
            }
            return row -> false;
        }
        if (type == DataType.STRING) {
            String expected = value.isValueNode() ? value.asString() : value.toString();
            return switch (op) {
                case "eq" -> row -> getter.apply(row) instanceof String s && s.equalsIgnoreCase(expected);
                case "noteq" -> row -> getter.apply(row) instanceof String s && !s.equalsIgnoreCase(expected);
                case "beginswith" -> row -> getter.apply(row) instanceof String s
                        && s.regionMatches(true, 0, expected, 0, expected.length());
                case "endswith" -> row -> getter.apply(row) instanceof String s && s.length() >= expected.length()
                        && s.regionMatches(true, s.length() - expected.length(), expected, 0, expected.length());
                case "contains" -> row -> getter.apply(row) instanceof String s && containsIgnoreCase(s, expected);
                default -> compare(op, getter, expected, String.CASE_INSENSITIVE_ORDER::compare);
            };
        }
        if (op.equals("beginswith") || op.equals("endswith") || op.equals("contains")) {
            String expected = value.asString();
            return row -> {
                Object actual = getter.apply(row);
                return actual != null && switch (op) {
                    case "beginswith" -> text(actual).startsWith(expected);
                    case "endswith" -> text(actual).endsWith(expected);
                    default -> text(actual).contains(expected);
                };
            };
        }
        Object expected = convert(type, field, value);
        if (type == DataType.BOOLEAN && !op.equals("eq") && !op.equals("noteq")) {
            throw new QueryException("Invalid query syntax. The " + op + " operator cannot be used with the boolean field " + field + ".");
        }
        return switch (op) {
            case "eq" -> row -> Objects.equals(getter.apply(row), expected);
            case "noteq" -> row -> {
                Object actual = getter.apply(row);
                return actual != null && !actual.equals(expected);
            };
            default -> compare(op, getter, expected, QueryParser::compareValues);
        };
    }

    private static String text(Object value) {
        return value instanceof java.time.Instant i ? horizon.simulator.autotask.store.Timestamps.format(i) : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static <T> Predicate<Row> compare(String op, Function<Row, Object> getter, T expected,
                                              java.util.Comparator<T> comparator) {
        return row -> {
            @SuppressWarnings("unchecked")
            T actual = (T) getter.apply(row);
            if (actual == null) {
                return false;
            }
            int c = comparator.compare(actual, expected);
            return switch (op) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        };
    }

    private static Object normalize(Object value, DataType type) {
        return type == DataType.STRING ? value.toString().toLowerCase(Locale.ROOT) : value;
    }

    private static Object convert(DataType type, String field, JsonNode value) {
        if (type == DataType.BOOLEAN && !value.isBoolean()) {
            throw new QueryException("Invalid query syntax. The value for the boolean field " + field
                    + " must be true or false.");
        }
        if (type == DataType.STRING) {
            return value.isValueNode() ? value.asString() : value.toString();
        }
        try {
            Object converted = type.fromJson(value);
            if (converted instanceof java.time.Instant instant) {
                return instant;
            }
            return converted;
        } catch (IllegalArgumentException e) {
            throw new QueryException("Unable to convert the value " + value + " for the field " + field + ": " + e.getMessage());
        }
    }

    static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        if (n == 0) {
            return true;
        }
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
