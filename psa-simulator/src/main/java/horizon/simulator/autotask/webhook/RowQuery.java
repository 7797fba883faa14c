package horizon.simulator.autotask.webhook;

import horizon.simulator.autotask.http.ApiResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Autotask's query language over the few rows of the webhook collections: the operators eq, noteq, gt, gte, lt, lte,
 * beginsWith, endsWith, contains, exist, notExist, in, notIn and and/or nesting; field names and body keys ignore
 * case; an unknown field is refused with Autotask's message and an unknown operator is dropped silently, as the real
 * service does. MaxRecords (1 to 500) and IncludeFields are honoured; these collections never need a second page, so
 * nextPageUrl is always null.
 */
final class RowQuery {
    private static final int MAX_RECORDS = 500;

    private final String entityName;
    private final List<String> fieldNames;

    /**
     * @param entityName the singular entity name used in error messages, e.g. TicketWebhook
     * @param fieldNames the fields a filter may name, in their camelCase spelling
     */
    RowQuery(String entityName, List<String> fieldNames) {
        this.entityName = entityName;
        this.fieldNames = fieldNames;
    }

    /** Answers a query ({@code count} false) or a query/count over {@code rows}. */
    ApiResponse answer(List<ObjectNode> rows, JsonNode search, boolean count) {
        RequestBody body = RequestBody.of(search);
        List<ObjectNode> matches = new ArrayList<>();
        try {
            JsonNode filter = body.get("filter").orElse(null);
            for (ObjectNode row : rows) {
                if (filter == null || allMatch(row, filter)) {
                    matches.add(row);
                }
            }
        } catch (QueryError error) {
            return ApiResponse.errors(500, error.getMessage());
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (count) {
            return ApiResponse.ok(nodes.objectNode().put("queryCount", matches.size()));
        }
        int maxRecords = body.get("maxRecords").filter(JsonNode::isNumber).map(JsonNode::intValue)
                .map(max -> Math.max(1, Math.min(MAX_RECORDS, max))).orElse(MAX_RECORDS);
        List<String> include = new ArrayList<>();
        body.get("includeFields").filter(JsonNode::isArray).ifPresent(fields -> fields.forEach(field ->
                fieldName(field.asString()).ifPresent(include::add)));
        ObjectNode result = nodes.objectNode();
        var items = result.putArray("items");
        matches.stream().limit(maxRecords).forEach(row -> items.add(include.isEmpty() ? row : only(row, include)));
        ObjectNode page = result.putObject("pageDetails");
        page.put("count", items.size());
        page.put("requestCount", maxRecords);
        page.putNull("prevPageUrl");
        page.putNull("nextPageUrl");
        return ApiResponse.ok(result);
    }

    private boolean allMatch(ObjectNode row, JsonNode conditions) {
        if (!conditions.isArray()) {
            return matches(row, conditions);
        }
        for (JsonNode condition : conditions) {
            if (!matches(row, condition)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(ObjectNode row, JsonNode condition) {
        RequestBody clause = RequestBody.of(condition);
        String op = clause.string("op").orElse("").toLowerCase(Locale.ROOT);
        if (op.equals("and") || op.equals("or")) {
            JsonNode items = clause.get("items").orElse(null);
            if (items == null || !items.isArray() || items.isEmpty()) {
                return true;
            }
            for (JsonNode item : items) {
                boolean match = matches(row, item);
                if (op.equals("or") && match) {
                    return true;
                }
                if (op.equals("and") && !match) {
                    return false;
                }
            }
            return op.equals("and");
        }
        String requested = clause.string("field").orElse("");
        if (!List.of("eq", "noteq", "gt", "gte", "lt", "lte", "beginswith", "endswith", "contains", "exist",
                "notexist", "in", "notin").contains(op)) {
            return true;
        }
        String field = fieldName(requested).orElseThrow(() -> new QueryError(
                "Unable to find " + requested + " in the " + entityName + " Entity"));
        JsonNode actual = row.get(field);
        boolean present = actual != null && !actual.isNull();
        JsonNode value = clause.get("value").orElse(null);
        return switch (op) {
            case "exist" -> present;
            case "notexist" -> !present;
            case "eq" -> present && compare(actual, value) == 0;
            case "noteq" -> !present || compare(actual, value) != 0;
            case "gt" -> present && compare(actual, value) > 0;
            case "gte" -> present && compare(actual, value) >= 0;
            case "lt" -> present && compare(actual, value) < 0;
            case "lte" -> present && compare(actual, value) <= 0;
            case "beginswith" -> present && text(actual).startsWith(text(value));
            case "endswith" -> present && text(actual).endsWith(text(value));
            case "contains" -> present && text(actual).contains(text(value));
            case "in" -> present && anyEqual(actual, value);
            case "notin" -> !present || !anyEqual(actual, value);
            default -> true;
        };
    }

    private static boolean anyEqual(JsonNode actual, JsonNode values) {
        if (values == null) {
            return false;
        }
        if (!values.isArray()) {
            return compare(actual, values) == 0;
        }
        for (JsonNode value : values) {
            if (compare(actual, value) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Numbers compare as numbers, booleans as booleans, everything else as text ignoring case (SQL collation). */
    private static int compare(JsonNode actual, JsonNode value) {
        if (value == null || value.isNull()) {
            return 1;
        }
        if (actual.isNumber()) {
            try {
                BigDecimal expected = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString().trim());
                return actual.decimalValue().compareTo(expected);
            } catch (NumberFormatException notANumber) {
                return text(actual).compareTo(text(value));
            }
        }
        if (actual.isBoolean()) {
            boolean expected = value.isBoolean() ? value.booleanValue()
                    : value.isNumber() ? value.intValue() != 0 : Boolean.parseBoolean(value.asString().trim());
            return Boolean.compare(actual.booleanValue(), expected);
        }
        return text(actual).compareTo(text(value));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asString().toLowerCase(Locale.ROOT);
    }

    private Optional<String> fieldName(String requested) {
        return fieldNames.stream().filter(name -> name.equalsIgnoreCase(requested)).findFirst();
    }

    private static ObjectNode only(ObjectNode row, List<String> include) {
        ObjectNode trimmed = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : row.properties()) {
            if (entry.getKey().equals("id") || include.contains(entry.getKey())) {
                trimmed.set(entry.getKey(), entry.getValue());
            }
        }
        return trimmed;
    }

    private static final class QueryError extends RuntimeException {
        private QueryError(String message) {
            super(message);
        }
    }
}
