package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.query.Condition;
import horizon.simulator.connectwise.query.ConditionParser;
import horizon.simulator.connectwise.query.FieldSelection;
import horizon.simulator.connectwise.query.IdRange;
import horizon.simulator.connectwise.query.OrderBy;
import horizon.simulator.connectwise.query.QuerySyntaxException;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Models;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET of collections, records and counts, and POST .../search: {@code conditions}, {@code childConditions},
 * {@code customFieldConditions}, {@code orderBy}, {@code fields}, navigable paging ({@code page}, {@code pageSize}
 * 25 by default and 1,000 at most, RFC 5988 Link with first/prev/next/last) and forward-only paging
 * ({@code pagination-type: forward-only}, {@code pageId}, id order, a Link to the next pageId).
 */
public final class Listing {
    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 1000;
    private static final Set<String> INFO_FIELDS = Set.of("lastupdated", "dateentered", "updatedby", "enteredby");
    private static final Set<String> CUSTOM_FIELD_KEYS = Set.of("id", "caption", "type", "entrymethod",
            "numberofdecimals", "value", "connectwiseid", "rownum", "userdefinedfieldrecid", "podid");

    private final CwStore store;
    private final RecordJson json;

    public Listing(CwStore store) {
        this.store = store;
        this.json = new RecordJson(store);
    }

    public RestResponse list(RestRequest request, Target target) {
        Map<String, String> params = parameters(request, target);
        NavigableMap<Long, ObjectNode> rows = rows(target);
        Condition condition = condition(target.kind(), params);
        FieldSelection fields = FieldSelection.parse(params.get("fields"));
        int pageSize = pageSize(params.get("pagesize"));
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        IdRange range = condition.idRange();
        if (request.forwardOnly()) {
            if (params.containsKey("orderby") && !params.get("orderby").isBlank()) {
                throw new ApiError(400, "InvalidObject",
                        "orderBy is not supported with forward-only pagination: results are ordered by id.");
            }
            long after = number(params.getOrDefault("pageid", "0"), "pageId");
            range = range.intersect(new IdRange(after + 1, Long.MAX_VALUE));
            long last = 0;
            for (ObjectNode record : slice(rows, range).values()) {
                if (page.size() >= pageSize) {
                    break;
                }
                if (condition.test(record)) {
                    page.add(fields.apply(record));
                    last = record.get("id").asLong();
                }
            }
            Map<String, String> headers = page.isEmpty() ? Map.of()
                    : Map.of("Link", "<" + link(request, "pageId", last) + ">; rel=\"next\"");
            return page(target.kind(), fields, page, headers);
        }
        int pageNumber = (int) Math.max(1, number(params.getOrDefault("page", "1"), "page"));
        long skip = (long) (pageNumber - 1) * pageSize;
        int total;
        if (params.containsKey("orderby") && !params.get("orderby").isBlank()) {
            OrderBy order = orderBy(target.kind(), params.get("orderby"));
            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode record : slice(rows, range).values()) {
                if (condition.test(record)) {
                    matching.add(record);
                }
            }
            matching.sort(order);
            total = matching.size();
            for (long i = skip; i < Math.min(total, skip + pageSize); i++) {
                page.add(fields.apply(matching.get((int) i)));
            }
        } else {
            int seen = 0;
            for (ObjectNode record : slice(rows, range).values()) {
                if (condition.test(record)) {
                    if (seen >= skip && page.size() < pageSize) {
                        page.add(fields.apply(record));
                    }
                    seen++;
                }
            }
            total = seen;
        }
        // a search's parameters travel in its body, which a Link cannot carry: its pages are asked for by number
        return page(target.kind(), fields, page, target.shape() == Target.Shape.SEARCH ? Map.of()
                : Map.of("Link", navigableLinks(request, pageNumber, pageSize, total)));
    }

    /** A page of records; whole stored records are written from their kept JSON. */
    private RestResponse page(Kind kind, FieldSelection fields, ArrayNode page, Map<String, String> headers) {
        return new RestResponse(200, page, headers, fields.keepsEverything() ? json.array(kind, page) : null);
    }

    public RestResponse count(RestRequest request, Target target) {
        Map<String, String> params = parameters(request, target);
        Condition condition = condition(target.kind(), params);
        int count = 0;
        for (ObjectNode record : slice(rows(target), condition.idRange()).values()) {
            if (condition.test(record)) {
                count++;
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("count", count);
        return RestResponse.ok(body);
    }

    public RestResponse item(RestRequest request, Target target) {
        ObjectNode record = find(target);
        return RestResponse.ok(FieldSelection.parse(request.query().get("fields")).apply(record));
    }

    /** The record a target names, under its parent for children; 404 in ConnectWise's words otherwise. */
    public ObjectNode find(Target target) {
        ObjectNode record = target.kind().parent().isPresent()
                ? rows(target).get(target.id())
                : store.get(target.kind(), target.id()).orElse(null);
        if (record == null) {
            throw ApiError.notFound(target.kind().label(), target.id());
        }
        return record;
    }

    /** The rows of a target's collection: all, or those under its parent (404 when the parent does not exist). */
    NavigableMap<Long, ObjectNode> rows(Target target) {
        if (target.kind().parent().isEmpty()) {
            return store.rows(target.kind());
        }
        Kind parent = target.kind().parent().get();
        if (store.get(parent, target.parentId()).isEmpty()) {
            throw ApiError.notFound(parent.label(), target.parentId());
        }
        return store.rows(target.kind(), target.parentId());
    }

    private static NavigableMap<Long, ObjectNode> slice(NavigableMap<Long, ObjectNode> rows, IdRange range) {
        if (range.isEmpty()) {
            return java.util.Collections.emptyNavigableMap();
        }
        return rows.subMap(range.min(), true, range.max(), true);
    }

    /** Query parameters, and for a search the body's keys on top of them. */
    private static Map<String, String> parameters(RestRequest request, Target target) {
        Map<String, String> params = new LinkedHashMap<>(request.query());
        if (target.shape() == Target.Shape.SEARCH && request.body() != null && request.body().isObject()) {
            request.body().properties().forEach(e -> params.put(e.getKey().toLowerCase(Locale.ROOT),
                    e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        }
        return params;
    }

    private Condition condition(Kind kind, Map<String, String> params) {
        Condition condition = Condition.all();
        String conditions = params.get("conditions");
        if (conditions != null && !conditions.isBlank()) {
            Condition parsed = ConditionParser.parseConditions(conditions);
            for (String path : parsed.fields()) {
                checkField(kind, path, "conditions");
            }
            condition = condition.and(parsed);
        }
        String child = params.get("childconditions");
        if (child != null && !child.isBlank()) {
            Condition parsed = ConditionParser.parseChildConditions(child);
            for (String path : parsed.fields()) {
                String first = path.split("/")[0];
                if (!Models.get().fields(kind).getOrDefault(Models.get().field(kind, first).orElse(""), "").equals("array")) {
                    throw QuerySyntaxException.unknownField("childConditions", path);
                }
            }
            condition = condition.and(parsed);
        }
        String custom = params.get("customfieldconditions");
        if (custom != null && !custom.isBlank()) {
            Condition parsed = ConditionParser.parseCustomFieldConditions(custom);
            for (String path : parsed.fields()) {
                if (!CUSTOM_FIELD_KEYS.contains(path.toLowerCase(Locale.ROOT))) {
                    throw QuerySyntaxException.unknownField("customFieldConditions", path);
                }
            }
            condition = condition.and(parsed);
        }
        return condition;
    }

    private static OrderBy orderBy(Kind kind, String text) {
        OrderBy order = OrderBy.parse(text);
        for (String path : order.fields()) {
            checkField(kind, path, "orderBy");
        }
        return order;
    }

    /** A path's first segment must be a field of the model, {@code _info}, or one of the fields _info carries. */
    private static void checkField(Kind kind, String path, String parameter) {
        String first = path.split("/")[0];
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.equals("_info") || INFO_FIELDS.contains(lower) || Models.get().field(kind, first).isPresent()) {
            return;
        }
        throw QuerySyntaxException.unknownField(parameter, path);
    }

    private static int pageSize(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        long size = number(text, "pageSize");
        if (size < 1) {
            throw new ApiError(400, "InvalidObject", "pageSize must be at least 1.");
        }
        return (int) Math.min(size, MAX_PAGE_SIZE);
    }

    private static long number(String text, String name) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "InvalidObject", name + " must be a whole number, was '" + text + "'.");
        }
    }

    private static String navigableLinks(RestRequest request, int page, int pageSize, int total) {
        int last = Math.max(1, (total + pageSize - 1) / pageSize);
        List<String> links = new ArrayList<>();
        links.add("<" + link(request, "page", 1) + ">; rel=\"first\"");
        if (page > 1) {
            links.add("<" + link(request, "page", Math.min(page - 1, last)) + ">; rel=\"prev\"");
        }
        if (page < last) {
            links.add("<" + link(request, "page", page + 1) + ">; rel=\"next\"");
        }
        links.add("<" + link(request, "page", last) + ">; rel=\"last\"");
        return String.join(", ", links);
    }

    /** The request's own URL with the paging parameter set, every other parameter kept as sent. */
    private static String link(RestRequest request, String pagingKey, long value) {
        StringBuilder url = new StringBuilder(request.selfUrl()).append('?');
        String raw = request.rawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pair.isEmpty() && !key.equalsIgnoreCase("page") && !key.equalsIgnoreCase("pageId")) {
                    url.append(pair).append('&');
                }
            }
        }
        return url.append(pagingKey).append('=').append(value).toString();
    }
}
