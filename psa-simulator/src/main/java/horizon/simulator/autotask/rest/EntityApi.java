package horizon.simulator.autotask.rest;

import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.http.ApiEndpoint;
import horizon.simulator.autotask.http.ApiRequest;
import horizon.simulator.autotask.http.ApiResponse;
import horizon.simulator.autotask.http.Caller;
import horizon.simulator.autotask.query.Page;
import horizon.simulator.autotask.query.Pager;
import horizon.simulator.autotask.query.Query;
import horizon.simulator.autotask.query.QueryException;
import horizon.simulator.autotask.query.QueryParser;
import horizon.simulator.autotask.store.Actor;
import horizon.simulator.autotask.store.Database;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.FieldDef;
import horizon.simulator.autotask.store.PicklistValue;
import horizon.simulator.autotask.store.RecordWrites;
import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.RuleViolation;
import horizon.simulator.autotask.store.UdfDef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entity routes of the REST API: query, query/count, query/next, get by id, create/update/delete, child routes
 * under their parent, and entityInformation with fields and userDefinedFields.
 */
public final class EntityApi implements ApiEndpoint {
    static final String NO_PERMISSION = "The logged in Resource does not have the adequate permissions to %s this entity.";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RecordWrites writes;
    private final Database db;
    private final String apiUrl;

    /**
     * @param apiUrl the database zone's API base with trailing slash; nextPageUrl is built on it
     */
    public EntityApi(RecordWrites writes, String apiUrl) {
        this.writes = writes;
        this.db = writes.database();
        this.apiUrl = apiUrl;
    }

    @Override
    public boolean handles(List<String> path) {
        return !path.isEmpty() && db.schemas().byName(path.get(0)).isPresent();
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (QueryException | RuleViolation e) {
            return ApiResponse.errors(500, e.getMessage());
        }
    }

    private ApiResponse route(ApiRequest request) {
        List<String> path = request.path();
        EntitySchema top = db.schemas().byName(path.get(0)).orElseThrow();
        String method = request.method();
        if (path.size() >= 3 && isId(path.get(1)) && !path.get(2).equalsIgnoreCase("entityInformation")) {
            EntitySchema child = db.schemas().child(top.name(), path.get(2)).orElse(null);
            if (child == null) {
                return notFound(request);
            }
            long parentId = Long.parseLong(path.get(1));
            return childRoute(request, child, parentId, path.subList(3, path.size()));
        }
        if (path.size() == 1) {
            if (top.isChild()) {
                // Child rows are written only under their parent: POST /TicketNotes is a 404, as in Autotask.
                return notFound(request);
            }
            return switch (method) {
                case "POST" -> top.canCreate() ? create(request, top, null) : methodNotAllowed(method);
                case "PATCH", "PUT" -> top.canUpdate() ? update(request, top, null) : methodNotAllowed(method);
                default -> methodNotAllowed(method);
            };
        }
        String second = path.get(1).toLowerCase(Locale.ROOT);
        if (second.equals("query")) {
            return queryRoute(request, top, path.subList(2, path.size()));
        }
        if (second.equals("entityinformation")) {
            return information(request, top, path.subList(2, path.size()));
        }
        if (isId(path.get(1)) && path.size() == 2) {
            long id = Long.parseLong(path.get(1));
            return switch (method) {
                case "GET" -> item(request, top, id, null);
                case "DELETE" -> top.canDelete() && !top.isChild() ? delete(request, top, id, null) : methodNotAllowed(method);
                default -> methodNotAllowed(method);
            };
        }
        return notFound(request);
    }

    private ApiResponse childRoute(ApiRequest request, EntitySchema child, long parentId, List<String> rest) {
        String method = request.method();
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> childList(request, child, parentId);
                case "POST" -> create(request, child, parentId);
                case "PATCH", "PUT" -> update(request, child, parentId);
                default -> methodNotAllowed(method);
            };
        }
        if (rest.get(0).equalsIgnoreCase("entityInformation")) {
            return information(request, child, rest.subList(1, rest.size()));
        }
        if (rest.size() == 1 && isId(rest.get(0))) {
            long id = Long.parseLong(rest.get(0));
            return switch (method) {
                case "GET" -> item(request, child, id, parentId);
                case "DELETE" -> child.canDelete() ? delete(request, child, id, parentId) : methodNotAllowed(method);
                default -> methodNotAllowed(method);
            };
        }
        return notFound(request);
    }

    // ---- queries ----

    private ApiResponse queryRoute(ApiRequest request, EntitySchema schema, List<String> rest) {
        denyWithoutAccess(request.caller(), "query");
        String method = request.method();
        boolean get = method.equals("GET");
        if (!get && !method.equals("POST")) {
            return methodNotAllowed(method);
        }
        if (rest.isEmpty()) {
            Query query = parseSearch(request, schema);
            Page page = Pager.forward(db.table(schema), query, null);
            return pageResponse(request, schema, query, page);
        }
        String what = rest.get(0).toLowerCase(Locale.ROOT);
        if (rest.size() == 1 && what.equals("count")) {
            Query query = parseSearch(request, schema);
            ObjectNode body = NODES.objectNode();
            body.put("queryCount", Pager.count(db.table(schema), query));
            return ApiResponse.ok(body);
        }
        if (rest.size() == 1 && what.equals("next")) {
            // A nextPageUrl of a POST query carries no search: a GET on it is the trap Autotask answers with 405.
            if (get && request.query().get("search") == null) {
                return methodNotAllowed(method);
            }
            Query query = parseSearch(request, schema);
            JsonNode token = parseToken(request.query().get("paging"));
            JsonNode next = QueryParser.key(token, "nextids");
            JsonNode previous = QueryParser.key(token, "previousids");
            Page page;
            if (next != null && next.isArray() && !next.isEmpty()) {
                page = Pager.forward(db.table(schema), query, next.get(0).asLong());
            } else if (previous != null && previous.isArray() && !previous.isEmpty()) {
                page = Pager.backward(db.table(schema), query, previous.get(0).asLong());
            } else {
                throw new QueryException("The paging parameter is invalid.");
            }
            return pageResponse(request, schema, query, page);
        }
        return notFound(request);
    }

    private Query parseSearch(ApiRequest request, EntitySchema schema) {
        JsonNode search;
        if (request.method().equals("GET")) {
            String text = request.query().get("search");
            if (text == null || text.isBlank()) {
                search = null;
            } else {
                try {
                    search = MAPPER.readTree(text);
                } catch (JacksonException e) {
                    throw new QueryException("Unable to parse the search parameter: it is not valid JSON.");
                }
            }
        } else {
            search = request.body();
        }
        return QueryParser.parse(schema, search);
    }

    private static JsonNode parseToken(String paging) {
        if (paging == null) {
            throw new QueryException("The paging parameter is required.");
        }
        try {
            JsonNode token = MAPPER.readTree(paging);
            if (!token.isObject()) {
                throw new QueryException("The paging parameter is invalid.");
            }
            return token;
        } catch (JacksonException e) {
            throw new QueryException("The paging parameter is invalid.");
        }
    }

    private ApiResponse pageResponse(ApiRequest request, EntitySchema schema, Query query, Page page) {
        ObjectNode body = NODES.objectNode();
        body.set("items", NODES.pojoNode(new RowArray(db, schema, page.rows(), query.include())));
        ObjectNode details = body.putObject("pageDetails");
        details.put("count", page.rows().size());
        details.put("requestCount", query.maxRecords());
        String search = request.method().equals("GET") ? request.query().get("search") : null;
        if (page.hasPrev() && !page.rows().isEmpty()) {
            details.put("prevPageUrl", pageUrl(schema, "previousIds", page.rows().get(0).id(), query, search));
        } else {
            details.putNull("prevPageUrl");
        }
        if (page.hasNext() && !page.rows().isEmpty()) {
            details.put("nextPageUrl", pageUrl(schema, "nextIds", page.rows().get(page.rows().size() - 1).id(), query, search));
        } else {
            details.putNull("nextPageUrl");
        }
        return ApiResponse.ok(body);
    }

    private String pageUrl(EntitySchema schema, String direction, long id, Query query, String search) {
        String token = "{\"pageSize\":" + query.maxRecords() + ",\"" + direction + "\":[" + id + "]}";
        String url = apiUrl + "V1.0/" + schema.name() + "/query/next?paging=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        if (search != null) {
            url += "&search=" + URLEncoder.encode(search, StandardCharsets.UTF_8);
        }
        return url;
    }

    private ApiResponse item(ApiRequest request, EntitySchema schema, long id, Long parentId) {
        denyWithoutAccess(request.caller(), "query");
        Row row = db.table(schema).get(id);
        if (row != null && parentId != null && !Objects.equals(row.get(schema.require(schema.parentField())), parentId)) {
            row = null;
        }
        ObjectNode body = NODES.objectNode();
        if (row == null) {
            body.putNull("item");
        } else {
            body.set("item", db.toJson(schema, row, null));
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse childList(ApiRequest request, EntitySchema child, long parentId) {
        denyWithoutAccess(request.caller(), "query");
        FieldDef parentField = child.require(child.parentField());
        ObjectNode body = NODES.objectNode();
        ArrayNode items = body.putArray("items");
        for (Row row : db.table(child).rows().values()) {
            if (Objects.equals(row.get(parentField), parentId) && items.size() < QueryParser.MAX_PAGE) {
                items.add(db.toJson(child, row, null));
            }
        }
        ObjectNode details = body.putObject("pageDetails");
        details.put("count", items.size());
        details.put("requestCount", QueryParser.MAX_PAGE);
        details.putNull("prevPageUrl");
        details.putNull("nextPageUrl");
        return ApiResponse.ok(body);
    }

    // ---- writes ----

    private ApiResponse create(ApiRequest request, EntitySchema schema, Long parentId) {
        denyWithoutAccess(request.caller(), "create");
        ObjectNode body = requireObject(request);
        if (parentId != null && db.table(db.schemas().get(schema.parent())).get(parentId) == null) {
            throw new RuleViolation("No matching " + db.schemas().get(schema.parent()).singular() + " found for id " + parentId + ".");
        }
        long id = writes.create(schema, body, actor(request.caller()), parentId);
        return itemId(id);
    }

    private ApiResponse update(ApiRequest request, EntitySchema schema, Long parentId) {
        denyWithoutAccess(request.caller(), "update");
        long id = writes.update(schema, requireObject(request), actor(request.caller()), request.method().equals("PUT"), parentId);
        return itemId(id);
    }

    private ApiResponse delete(ApiRequest request, EntitySchema schema, long id, Long parentId) {
        denyWithoutAccess(request.caller(), "delete");
        writes.delete(schema, id, actor(request.caller()), parentId);
        return itemId(id);
    }

    private static ObjectNode requireObject(ApiRequest request) {
        if (request.body() instanceof ObjectNode object) {
            return object;
        }
        throw new RuleViolation("The request body must be a JSON object.");
    }

    private static ApiResponse itemId(long id) {
        ObjectNode body = NODES.objectNode();
        body.put("itemId", id);
        return ApiResponse.ok(body);
    }

    static Actor actor(Caller caller) {
        boolean impersonating = caller.actingResourceId() != caller.resourceId();
        return new Actor(caller.actingResourceId(), impersonating ? caller.resourceId() : null);
    }

    private static void denyWithoutAccess(Caller caller, String action) {
        if (caller.level() == SecurityLevel.NO_ENTITY_ACCESS) {
            throw new RuleViolation(String.format(NO_PERMISSION, action));
        }
    }

    // ---- entityInformation ----

    private ApiResponse information(ApiRequest request, EntitySchema schema, List<String> rest) {
        if (!request.method().equals("GET")) {
            return methodNotAllowed(request.method());
        }
        boolean access = request.caller().level() != SecurityLevel.NO_ENTITY_ACCESS;
        if (rest.isEmpty()) {
            ObjectNode body = NODES.objectNode();
            ObjectNode info = body.putObject("info");
            info.put("name", schema.singular());
            info.put("canCreate", schema.canCreate());
            info.put("canDelete", schema.canDelete());
            info.put("canQuery", true);
            info.put("canUpdate", schema.canUpdate());
            info.put("userAccessForCreate", access && schema.canCreate() ? 1 : 0);
            info.put("userAccessForDelete", access && schema.canDelete() ? 1 : 0);
            info.put("userAccessForQuery", access ? 1 : 0);
            info.put("userAccessForUpdate", access && schema.canUpdate() ? 1 : 0);
            info.put("hasUserDefinedFields", schema.hasUdfs());
            info.put("supportsWebhookCallouts", schema.supportsWebhookCallouts());
            return ApiResponse.ok(body);
        }
        String what = rest.get(0).toLowerCase(Locale.ROOT);
        if (rest.size() == 1 && what.equals("fields")) {
            ObjectNode body = NODES.objectNode();
            ArrayNode fields = body.putArray("fields");
            for (FieldDef f : schema.fields()) {
                fields.add(fieldInfo(schema, f));
            }
            return ApiResponse.ok(body);
        }
        if (rest.size() == 1 && what.equals("userdefinedfields")) {
            ObjectNode body = NODES.objectNode();
            ArrayNode fields = body.putArray("fields");
            for (UdfDef u : schema.udfs()) {
                fields.add(udfInfo(u));
            }
            return ApiResponse.ok(body);
        }
        return notFound(request);
    }

    private ObjectNode fieldInfo(EntitySchema schema, FieldDef f) {
        ObjectNode node = NODES.objectNode();
        node.put("name", f.name());
        node.put("dataType", f.dataType().wireName());
        node.put("length", f.length());
        node.put("isRequired", f.required());
        node.put("isReadOnly", f.readOnly());
        node.put("isQueryable", true);
        node.put("isReference", f.reference() != null);
        node.put("referenceEntityType", f.reference() == null ? "" : f.reference());
        List<PicklistValue> values = db.picklists().values(schema.name(), f.name());
        node.put("isPickList", f.picklist());
        if (f.picklist()) {
            ArrayNode array = node.putArray("picklistValues");
            for (PicklistValue v : values) {
                ObjectNode pv = array.addObject();
                pv.put("value", v.value());
                pv.put("label", v.label());
                pv.put("isDefaultValue", v.isDefaultValue());
                pv.put("sortOrder", v.sortOrder());
                pv.put("parentValue", v.parentValue());
                pv.put("isActive", v.isActive());
                pv.put("isSystem", v.isSystem());
            }
        } else {
            node.putNull("picklistValues");
        }
        node.put("picklistParentValueField", f.name().equals("subIssueType") ? "issueType" : "");
        node.put("isSupportedWebhookField", f.webhookField());
        return node;
    }

    private static ObjectNode udfInfo(UdfDef u) {
        ObjectNode node = NODES.objectNode();
        node.put("name", u.name());
        node.put("label", u.label());
        node.put("type", u.dataType().wireName());
        node.put("length", u.dataType() == horizon.simulator.autotask.store.DataType.STRING ? 100 : 0);
        node.put("description", u.description());
        node.put("isRequired", false);
        node.put("isReadOnly", false);
        node.put("isQueryable", true);
        node.put("isReference", false);
        node.put("referenceEntityType", "");
        boolean pick = !u.picklistLabels().isEmpty();
        node.put("isPickList", pick);
        if (pick) {
            ArrayNode array = node.putArray("picklistValues");
            for (int i = 0; i < u.picklistLabels().size(); i++) {
                ObjectNode pv = array.addObject();
                pv.put("value", Integer.toString(i + 1));
                pv.put("label", u.picklistLabels().get(i));
                pv.put("isDefaultValue", false);
                pv.put("sortOrder", i);
                pv.put("parentValue", "");
                pv.put("isActive", true);
                pv.put("isSystem", false);
            }
        } else {
            node.putNull("picklistValues");
        }
        node.put("picklistParentValueField", "");
        node.putNull("defaultValue");
        node.put("isSupportedWebhookField", true);
        return node;
    }

    // ---- ASP.NET-shaped answers ----

    /** The ASP.NET Web API body for a method a route does not support. */
    public static ApiResponse methodNotAllowed(String method) {
        ObjectNode body = NODES.objectNode();
        body.put("Message", "The requested resource does not support http method '" + method + "'.");
        return new ApiResponse(405, body);
    }

    /** The ASP.NET Web API body for a path no route matches. */
    public static ApiResponse notFound(ApiRequest request) {
        ObjectNode body = NODES.objectNode();
        body.put("Message", "No HTTP resource was found that matches the request URI 'V1.0/" + String.join("/", request.path()) + "'.");
        return new ApiResponse(404, body);
    }

    private static boolean isId(String segment) {
        if (segment.isEmpty() || segment.length() > 18) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
