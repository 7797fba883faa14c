package horizon.simulator.connectwise.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code orderBy} ({@code summary asc, id desc}, {@code _info/lastUpdated asc}) ordering records as SQL
 * Server would: text ignoring case, numbers by value, nulls lowest (first ascending, last descending). Ties go by id
 * ascending so paging is stable.
 */
public record OrderBy(List<Key> keys) implements Comparator<ObjectNode> {
    private static final FieldPath ID = FieldPath.of("id");

    /** One sort key: a field path and its direction. */
    public record Key(FieldPath path, boolean descending) {
    }

    /** Parses the parameter; null or blank orders by id. */
    public static OrderBy parse(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return new OrderBy(List.of());
        }
        List<Key> keys = new ArrayList<>();
        int start = 0;
        for (String item : orderBy.split(",", -1)) {
            String[] words = item.strip().split("\\s+");
            int position = start + item.indexOf(item.strip()) + 1;
            start += item.length() + 1;
            if (words[0].isEmpty()) {
                throw new QuerySyntaxException("orderBy", "expected a field name at position " + position, position);
            }
            if (!words[0].matches("[\\p{L}_][\\p{L}\\d_]*(/[\\p{L}_][\\p{L}\\d_]*)*")) {
                throw new QuerySyntaxException("orderBy", "'" + words[0] + "' at position " + position
                        + " is not a field name", position);
            }
            if (words.length > 2) {
                int at = position + item.strip().lastIndexOf(words[2]);
                throw new QuerySyntaxException("orderBy", "expected ',' or the end after '" + words[0] + " " + words[1]
                        + "' but found '" + words[2] + "' at position " + at, at);
            }
            String direction = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc";
            if (!(direction.equals("asc") || direction.equals("desc"))) {
                int at = position + item.strip().lastIndexOf(words[1]);
                throw new QuerySyntaxException("orderBy", "expected asc or desc after '" + words[0] + "' but found '"
                        + words[1] + "' at position " + at, at);
            }
            keys.add(new Key(FieldPath.of(words[0]), direction.equals("desc")));
        }
        return new OrderBy(List.copyOf(keys));
    }

    /** The field paths the parameter names, for the API layer to reject unknown ones. */
    public List<String> fields() {
        return keys.stream().map(k -> k.path().text()).toList();
    }

    @Override
    public int compare(ObjectNode a, ObjectNode b) {
        for (Key key : keys) {
            int c = compareValues(key.path().resolve(a), key.path().resolve(b));
            if (c != 0) {
                return key.descending() ? -c : c;
            }
        }
        return compareValues(ID.resolve(a), ID.resolve(b));
    }

    /** Two field values, either possibly null; values of different kinds (which one field rarely holds) by kind. */
    static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()
                    ? Long.compare(a.longValue(), b.longValue()) : a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isString() && b.isString()) {
            return compareText(a.stringValue(), b.stringValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        return Integer.compare(rank(a), rank(b));
    }

    /** Text ignoring case; datetimes written with different precision ({@code …49Z}, {@code …49.5Z}) by instant. */
    private static int compareText(String a, String b) {
        if (a.length() != b.length() && a.length() >= 20 && b.length() >= 20
                && a.charAt(10) == 'T' && b.charAt(10) == 'T') {
            Instant x = Operand.DateTime.parseInstant(a);
            Instant y = Operand.DateTime.parseInstant(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        return String.CASE_INSENSITIVE_ORDER.compare(a, b);
    }

    private static int rank(JsonNode value) {
        return value.isBoolean() ? 0 : value.isNumber() ? 1 : value.isString() ? 2 : 3;
    }
}
