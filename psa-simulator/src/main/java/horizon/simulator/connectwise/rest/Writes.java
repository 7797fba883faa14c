package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Models;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * POST, PATCH, PUT and DELETE as ConnectWise takes them: PATCH is an array of {@code {op, path, value}} operations
 * ({@code replace}, {@code add}, {@code remove}; the path names a top-level field, with or without a leading slash,
 * case-sensitive), references are replaced whole, {@code customFields} only as the whole array; PUT replaces the
 * record; {@code \r \n \b \f} in strings become spaces. Each collection's own rules live in {@link RecordRules}, and
 * its side effects (a note added, changed or deleted updates its ticket) commit with the write.
 */
public final class Writes {
    private static final Set<Kind> WRITABLE = Set.of(Kind.TICKETS, Kind.NOTES, Kind.TIME_ENTRIES, Kind.COMPANIES,
            Kind.CONTACTS);
    private static final Set<String> READ_ONLY = Set.of("id", "_info", "ticketId", "dateCreated", "createdBy",
            "dateEntered", "enteredBy", "closedFlag", "closedDate", "closedBy", "actualHours");

    private final CwStore store;
    private final Listing listing;
    private final RecordRules rules;

    public Writes(CwStore store, Listing listing) {
        this.store = store;
        this.listing = listing;
        this.rules = new RecordRules(store, new ReferenceResolver(store));
    }

    public RestResponse create(RestRequest request, Target target) {
        writable(target.kind(), "POST");
        ObjectNode body = objectBody(request.body(), target.kind());
        ObjectNode created = store.write(() -> {
            if (target.kind().parent().isPresent()) {
                listing.rows(target); // 404 for a missing parent
            }
            ObjectNode sent = sanitized(body);
            ObjectNode record = rules.create(target.kind(), target.parentId(), sent.deepCopy(), request.actor());
            ObjectNode stored = store.insert(target.kind(), record, request.actor());
            // its side effects (first notes, the ticket a note or time entry updates) commit with it
            rules.afterCreate(target.kind(), stored, sent, request.actor());
            return stored;
        });
        return RestResponse.created(created);
    }

    public RestResponse patch(RestRequest request, Target target) {
        writable(target.kind(), "PATCH");
        if (request.body() == null || !request.body().isArray()) {
            throw new ApiError(400, "InvalidObject",
                    "The request body must be an array of patch operations: [{\"op\":\"replace\",\"path\":\"summary\",\"value\":\"...\"}].");
        }
        ObjectNode updated = store.write(() -> {
            ObjectNode before = listing.find(target);
            ObjectNode changed = before.deepCopy();
            boolean skipCallback = false;
            for (JsonNode operation : request.body()) {
                skipCallback |= apply(target.kind(), changed, operation);
            }
            ObjectNode checked = rules.update(target.kind(), before, changed, request.actor());
            ObjectNode stored = store.update(target.kind(), checked, request.actor(), skipCallback);
            rules.afterUpdate(target.kind(), stored, request.actor());
            return stored;
        });
        return RestResponse.ok(updated);
    }

    public RestResponse put(RestRequest request, Target target) {
        writable(target.kind(), "PUT");
        ObjectNode body = objectBody(request.body(), target.kind());
        ObjectNode updated = store.write(() -> {
            ObjectNode before = listing.find(target);
            ObjectNode replaced = sanitized(body);
            for (String kept : READ_ONLY) {
                if (before.has(kept)) {
                    replaced.set(kept, before.get(kept).deepCopy());
                } else {
                    replaced.remove(kept);
                }
            }
            for (var field : List.copyOf(replaced.propertyNames())) {
                if (Models.get().fields(target.kind()).get(field) == null) {
                    throw ApiError.invalid(ReferenceResolver.resource(target.kind()), "InvalidField",
                            field + " is not a field of " + target.kind().model() + ".", field);
                }
            }
            ObjectNode checked = rules.update(target.kind(), before, replaced, request.actor());
            ObjectNode stored = store.update(target.kind(), checked, request.actor(),
                    body.path("skipCallback").asBoolean(false));
            rules.afterUpdate(target.kind(), stored, request.actor());
            return stored;
        });
        return RestResponse.ok(updated);
    }

    public RestResponse delete(RestRequest request, Target target) {
        writable(target.kind(), "DELETE");
        store.write(() -> {
            ObjectNode record = listing.find(target);
            rules.beforeDelete(target.kind(), record);
            store.delete(target.kind(), target.id(), request.actor());
            rules.afterDelete(target.kind(), record, request.actor());
            return null;
        });
        return RestResponse.noContent();
    }

    /**
     * Applies one PATCH operation to the copy. Returns whether it asked for no callback ({@code skipCallback}).
     */
    private boolean apply(Kind kind, ObjectNode record, JsonNode operation) {
        String resource = ReferenceResolver.resource(kind);
        String op = operation.path("op").asString("");
        String path = operation.path("path").asString("");
        if (!Set.of("replace", "add", "remove").contains(op)) {
            throw ApiError.invalid(resource, "InvalidField", "op must be replace, add or remove, was '" + op + "'.", "op");
        }
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        String[] segments = path.split("/");
        String field = segments[0];
        String type = Models.get().fields(kind).get(field);
        if (type == null) {
            throw ApiError.invalid(resource, "InvalidField", "'" + field + "' is not a field of " + kind.model()
                    + " (paths are case-sensitive).", field);
        }
        if (READ_ONLY.contains(field)) {
            throw ApiError.invalid(resource, "InvalidField", field + " is read-only.", field);
        }
        JsonNode value = sanitizedValue(operation.get("value"));
        if (segments.length > 1) {
            if (field.equals("customFields")) {
                throw ApiError.invalid(resource, "InvalidField",
                        "customFields must be replaced as the whole array, not by element.", field);
            }
            if (type.equals("reference")) {
                // ConnectWise's documented trap: a path into a reference answers 200 and changes nothing
                return false;
            }
            setNested(record, segments, op.equals("remove") ? null : value, resource, field);
            return false;
        }
        if (op.equals("remove")) {
            record.remove(field);
        } else if (value == null || value.isNull()) {
            record.remove(field);
        } else {
            record.set(field, value);
        }
        return field.equals("skipCallback") && value != null && value.asBoolean(false);
    }

    private static void setNested(ObjectNode record, String[] segments, JsonNode value, String resource, String field) {
        JsonNode node = record;
        for (int i = 0; i < segments.length - 1; i++) {
            node = node.isArray() ? node.path(Integer.parseInt(segments[i])) : node.path(segments[i]);
            if (node.isMissingNode()) {
                throw ApiError.invalid(resource, "InvalidField", "The path " + String.join("/", segments)
                        + " does not exist.", field);
            }
        }
        String last = segments[segments.length - 1];
        if (node instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (node instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            if (value == null) {
                array.remove(Integer.parseInt(last));
            } else {
                array.set(Integer.parseInt(last), value);
            }
        } else {
            throw ApiError.invalid(resource, "InvalidField", "The path " + String.join("/", segments)
                    + " does not exist.", field);
        }
    }

    private static void writable(Kind kind, String method) {
        if (!WRITABLE.contains(kind)) {
            throw new ApiError(405, "ConnectWiseApi", "The requested resource does not support http method '" + method + "'.");
        }
    }

    private static ObjectNode objectBody(JsonNode body, Kind kind) {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "InvalidObject", ReferenceResolver.resource(kind) + " object is invalid",
                    List.of(new ApiError.FieldError("InvalidObject", "The request body must be a JSON object.",
                            ReferenceResolver.resource(kind), "")));
        }
        return (ObjectNode) body;
    }

    /** A copy in which every string lost {@code \r \n \b \f}: ConnectWise does not support them and stores a space. */
    static ObjectNode sanitized(ObjectNode body) {
        return (ObjectNode) sanitizedValue(body);
    }

    private static JsonNode sanitizedValue(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return StringNode.valueOf(value.asString().replaceAll("[\\r\\n\\u0008\\f]", " "));
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                copy.set(e.getKey(), sanitizedValue(e.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> copy.add(sanitizedValue(element)));
            return copy;
        }
        return value.deepCopy();
    }
}
