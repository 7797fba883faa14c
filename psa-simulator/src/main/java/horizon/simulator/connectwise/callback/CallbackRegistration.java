package horizon.simulator.connectwise.callback;

import horizon.simulator.connectwise.rest.ApiError;
import horizon.simulator.connectwise.rest.Listing;
import horizon.simulator.connectwise.rest.RestRequest;
import horizon.simulator.connectwise.rest.RestResponse;
import horizon.simulator.connectwise.rest.Target;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Timestamps;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /system/callbacks}: create, read (through the listing), PATCH, PUT and DELETE of CallbackEntry records, with
 * ConnectWise's validation: a usable URL, a known type, a level that type supports, the object the level names, and
 * no second entry with the same URL, type, level and object ({@code ObjectExists}).
 */
public final class CallbackRegistration {
    private static final String RESOURCE = "callbackEntry";
    /** Levels each type supports; owner means every record of the type. */
    static final Map<String, Set<String>> LEVELS = Map.ofEntries(
            Map.entry("ticket", Set.of("owner", "board", "status", "company")),
            Map.entry("company", Set.of("owner", "status", "type", "territory", "integratortag")),
            Map.entry("contact", Set.of("owner", "company", "type")),
            Map.entry("time", Set.of("owner")), Map.entry("member", Set.of("owner")),
            Map.entry("activity", Set.of("owner")), Map.entry("agreement", Set.of("owner")),
            Map.entry("configuration", Set.of("owner")), Map.entry("invoice", Set.of("owner")),
            Map.entry("expense", Set.of("owner")), Map.entry("opportunity", Set.of("owner")),
            Map.entry("productcatalog", Set.of("owner")), Map.entry("project", Set.of("owner")),
            Map.entry("purchaseorder", Set.of("owner")), Map.entry("schedule", Set.of("owner")),
            Map.entry("site", Set.of("owner")));
    private static final Set<String> FIELDS = Set.of("id", "description", "url", "objectId", "type", "level",
            "memberId", "payloadVersion", "inactiveFlag", "isSoapCallbackFlag", "isSelfSuppressedFlag", "connectWiseID",
            "_info");

    private final CwStore store;
    private final Listing listing;
    private final Random random;

    public CallbackRegistration(CwStore store, Listing listing, long seed) {
        this.store = store;
        this.listing = listing;
        this.random = new Random(seed ^ 0xCA11L);
    }

    public RestResponse create(RestRequest request) {
        ObjectNode body = object(request.body());
        return RestResponse.created(store.write(() -> {
            ObjectNode entry = validated(body, -1);
            entry.put("memberId", request.actor().memberId());
            entry.put("isSoapCallbackFlag", false);
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            entry.put("connectWiseID", UUID.nameUUIDFromBytes(bytes).toString());
            ObjectNode info = entry.putObject("_info");
            info.put("lastUpdated", Timestamps.format(store.clock().now()));
            info.put("updatedBy", request.actor().identifier());
            return store.insert(Kind.CALLBACKS, entry, request.actor());
        }));
    }

    public RestResponse patch(RestRequest request, Target target) {
        if (request.body() == null || !request.body().isArray()) {
            throw new ApiError(400, "InvalidObject", "The request body must be an array of patch operations.");
        }
        return RestResponse.ok(store.write(() -> {
            ObjectNode changed = listing.find(target).deepCopy();
            for (JsonNode op : request.body()) {
                String path = op.path("path").asString("").replaceFirst("^/", "");
                if (!FIELDS.contains(path) || Set.of("id", "memberId", "connectWiseID", "_info").contains(path)) {
                    throw ApiError.invalid(RESOURCE, "InvalidField", "'" + path + "' cannot be patched.", path);
                }
                if (op.path("op").asString("").equals("remove")) {
                    changed.remove(path);
                } else {
                    changed.set(path, op.get("value"));
                }
            }
            return store.update(Kind.CALLBACKS, keepServerFields(validated(changed, target.id()), changed),
                    request.actor(), false);
        }));
    }

    public RestResponse put(RestRequest request, Target target) {
        ObjectNode body = object(request.body());
        return RestResponse.ok(store.write(() -> {
            ObjectNode before = listing.find(target);
            ObjectNode entry = validated(body, target.id());
            return store.update(Kind.CALLBACKS, keepServerFields(entry, before), request.actor(), false);
        }));
    }

    public RestResponse delete(RestRequest request, Target target) {
        store.write(() -> {
            listing.find(target);
            return store.delete(Kind.CALLBACKS, target.id(), request.actor());
        });
        return RestResponse.noContent();
    }

    private ObjectNode keepServerFields(ObjectNode entry, ObjectNode before) {
        for (String field : List.of("id", "memberId", "isSoapCallbackFlag", "connectWiseID", "_info")) {
            if (before.has(field)) {
                entry.set(field, before.get(field).deepCopy());
            }
        }
        return entry;
    }

    /** The entry as stored, or a 400 listing every field at fault, as ConnectWise does. */
    private ObjectNode validated(ObjectNode body, long id) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        String url = body.path("url").asString("");
        if (!usableUrl(url)) {
            errors.add(new ApiError.FieldError("InvalidField", "Invalid URL", RESOURCE, "url"));
        }
        String type = body.path("type").asString("").toLowerCase(Locale.ROOT);
        String level = body.path("level").asString("").toLowerCase(Locale.ROOT);
        if (!LEVELS.containsKey(type)) {
            errors.add(new ApiError.FieldError("InvalidField", "Unrecognized type, see documentation for supported types",
                    RESOURCE, "type"));
        } else if (!LEVELS.get(type).contains(level)) {
            errors.add(new ApiError.FieldError("InvalidObject",
                    "Unrecognized level for type, see documentation for supported levels for each type", RESOURCE, "level"));
        }
        long objectId = body.path("objectId").asLong(0);
        if (level.equals("owner")) {
            objectId = 1;
        } else if (errors.isEmpty() && !objectExists(level, objectId)) {
            errors.add(new ApiError.FieldError("InvalidField", "The objectId " + objectId + " does not name a " + level
                    + ".", RESOURCE, "objectId"));
        }
        String description = body.path("description").asString("");
        if (description.length() > 100) {
            errors.add(new ApiError.FieldError("InvalidField", "description may be at most 100 characters.", RESOURCE,
                    "description"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, "InvalidObject", RESOURCE + " object is invalid", errors);
        }
        for (ObjectNode other : store.rows(Kind.CALLBACKS).values()) {
            if (other.get("id").asLong() != id && other.path("url").asString().equals(url)
                    && other.path("type").asString().equals(type) && other.path("level").asString().equals(level)
                    && other.path("objectId").asLong() == objectId) {
                throw new ApiError(400, "InvalidObject", RESOURCE + " object is invalid", List.of(new ApiError.FieldError(
                        "ObjectExists", "A matching callback entry already exists", RESOURCE, "objectId")));
            }
        }
        ObjectNode entry = body.objectNode();
        if (id > 0) {
            entry.put("id", id);
        }
        if (!description.isEmpty()) {
            entry.put("description", description);
        }
        entry.put("url", url);
        entry.put("objectId", objectId);
        entry.put("type", type);
        entry.put("level", level);
        entry.put("payloadVersion", body.path("payloadVersion").asString("3.0.0"));
        entry.put("inactiveFlag", body.path("inactiveFlag").asBoolean(false));
        entry.put("isSelfSuppressedFlag", body.path("isSelfSuppressedFlag").asBoolean(false));
        return entry;
    }

    private boolean objectExists(String level, long objectId) {
        Kind kind = switch (level) {
            case "board" -> Kind.BOARDS;
            case "status" -> Kind.BOARD_STATUSES;
            case "company" -> Kind.COMPANIES;
            // company and contact types, territories and integrator tags are not served as collections
            default -> null;
        };
        return kind == null ? objectId > 0 : store.get(kind, objectId).isPresent()
                || level.equals("status") && store.get(Kind.COMPANY_STATUSES, objectId).isPresent();
    }

    private static boolean usableUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ObjectNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "InvalidObject", RESOURCE + " object is invalid");
        }
        return (ObjectNode) body;
    }
}
