package horizon.simulator.autotask.webhook;

import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.http.ApiEndpoint;
import horizon.simulator.autotask.http.ApiRequest;
import horizon.simulator.autotask.http.ApiResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST routes of the webhook families ({@code {X}Webhooks} with their Fields, UdfFields and ExcludedResources
 * children, the flat {@code {X}WebhookFields}, {@code {X}WebhookUdfFields}, {@code {X}WebhookExcludedResources}
 * collections) and of {@code WebhookEventErrorLogs}. Writes need the webhook right of the API user's security level.
 */
final class WebhookRoutes implements ApiEndpoint {
    private static final String ERROR_LOGS = "WebhookEventErrorLogs";
    private static final String NO_MATCH = "No matching records found. The logged in Resource may not have the "
            + "required permissions to delete the data.";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

    private final WebhookRegistry registry;
    private final CalloutDelivery delivery;
    private final Random identities;

    /** @param identities seeded, so webhookGUIDs and generated secrets repeat from run to run */
    WebhookRoutes(WebhookRegistry registry, CalloutDelivery delivery, Random identities) {
        this.registry = registry;
        this.delivery = delivery;
        this.identities = identities;
    }

    /** A child collection under {@code {X}Webhooks/{parentId}/}. */
    private enum Child {
        FIELDS("Fields", "WebhookField"),
        UDF_FIELDS("UdfFields", "WebhookUdfField"),
        EXCLUDED_RESOURCES("ExcludedResources", "WebhookExcludedResource");

        private final String segment;
        private final String entitySuffix;

        Child(String segment, String entitySuffix) {
            this.segment = segment;
            this.entitySuffix = entitySuffix;
        }

        static Optional<Child> of(String segment, WebhookFamily family) {
            for (Child child : values()) {
                if (child.segment.equalsIgnoreCase(segment) && (child != UDF_FIELDS || family.hasUdfFields())) {
                    return Optional.of(child);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public boolean handles(List<String> path) {
        return !path.isEmpty()
                && (path.get(0).equalsIgnoreCase(ERROR_LOGS) || WebhookFamily.ofCollection(path.get(0)).isPresent());
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (IllegalArgumentException refused) {
            return ApiResponse.errors(500, refused.getMessage());
        }
    }

    private ApiResponse route(ApiRequest request) {
        List<String> path = request.path();
        List<String> rest = path.subList(1, path.size());
        if (path.get(0).equalsIgnoreCase(ERROR_LOGS)) {
            return errorLogs(request, rest);
        }
        WebhookFamily family = WebhookFamily.ofCollection(path.get(0)).orElseThrow();
        String kind = path.get(0).substring(family.entityType().length()).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "webhooks" -> webhooks(request, family, rest);
            case "webhookfields" -> flat(request, family, Child.FIELDS, rest);
            case "webhookudffields" -> family.hasUdfFields() ? flat(request, family, Child.UDF_FIELDS, rest)
                    : notFound(request);
            default -> flat(request, family, Child.EXCLUDED_RESOURCES, rest);
        };
    }

    // ---- {X}Webhooks

    private ApiResponse webhooks(ApiRequest request, WebhookFamily family, List<String> rest) {
        String method = request.method();
        if (rest.isEmpty()) {
            return switch (method) {
                case "POST" -> createWebhook(request, family);
                case "PUT", "PATCH" -> updateWebhook(request, family, method.equals("PUT"));
                default -> notAllowed(method);
            };
        }
        String first = rest.get(0);
        if (first.equalsIgnoreCase("query")) {
            return query(request, rest.subList(1, rest.size()),
                    new RowQuery(family.entityType() + "Webhook", WebhookJson.names(WebhookJson.WEBHOOK_FIELDS)),
                    () -> registry.webhooks(family).stream().map(this::webhookJson).toList());
        }
        if (first.equalsIgnoreCase("entityInformation")) {
            return entityInformation(request, rest.subList(1, rest.size()), family.entityType() + "Webhook",
                    WebhookJson.WEBHOOK_FIELDS, Map.of(), true);
        }
        Optional<Long> id = id(first);
        if (id.isEmpty()) {
            return notFound(request);
        }
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> item(registry.webhook(family, id.get()).map(this::webhookJson));
                case "DELETE" -> deleteWebhook(request, family, id.get());
                default -> notAllowed(method);
            };
        }
        Optional<Child> child = Child.of(rest.get(1), family);
        if (child.isEmpty()) {
            return notFound(request);
        }
        return children(request, family, child.get(), id.get(), rest.subList(2, rest.size()));
    }

    private ApiResponse createWebhook(ApiRequest request, WebhookFamily family) {
        denyWithoutWebhookRight(request, "create");
        RequestBody body = body(request);
        Webhook candidate = new Webhook(family, 0,
                text(body, "name", 50).orElse(null),
                url(body, "webhookUrl"),
                url(body, "deactivationUrl"),
                text(body, "secretKey", 64).filter(secret -> !secret.isBlank()).orElseGet(this::newSecret),
                text(body, "notificationEmailAddress", 150).orElse(null),
                body.bool("isActive").orElse(true),
                body.bool("isSubscribedToCreateEvents").orElse(false),
                body.bool("isSubscribedToUpdateEvents").orElse(false),
                body.bool("isSubscribedToDeleteEvents").orElse(false),
                body.bool("sendThresholdExceededNotification").orElse(false),
                request.caller().resourceId(),
                newGuid());
        synchronized (registry) {
            refuseDuplicate(candidate);
            Webhook created = registry.addWebhook(family, id -> new Webhook(family, id, candidate.name(),
                    candidate.webhookUrl(), candidate.deactivationUrl(), candidate.secretKey(),
                    candidate.notificationEmailAddress(), candidate.active(), candidate.createEvents(),
                    candidate.updateEvents(), candidate.deleteEvents(), candidate.sendThresholdExceededNotification(),
                    candidate.ownerResourceId(), candidate.guid()));
            return itemId(created.id());
        }
    }

    /** PATCH changes the fields sent; PUT replaces, so omitted writable fields become null (false for flags). */
    private ApiResponse updateWebhook(ApiRequest request, WebhookFamily family, boolean replace) {
        denyWithoutWebhookRight(request, "update");
        RequestBody body = body(request);
        long id = body.number("id").orElseThrow(() -> new IllegalArgumentException("The id field is required."));
        synchronized (registry) {
            Webhook old = registry.webhook(family, id).orElseThrow(() -> new IllegalArgumentException(
                    "No matching records found for " + family.entityType() + "Webhook id " + id + "."));
            Webhook updated = new Webhook(family, id,
                    keepOrReplace(body, "name", replace, old.name(), () -> text(body, "name", 50).orElse(null)),
                    keepOrReplace(body, "webhookUrl", replace, old.webhookUrl(), () -> url(body, "webhookUrl")),
                    keepOrReplace(body, "deactivationUrl", replace, old.deactivationUrl(),
                            () -> url(body, "deactivationUrl")),
                    body.has("secretKey") ? text(body, "secretKey", 64).filter(s -> !s.isBlank()).orElse(old.secretKey())
                            : old.secretKey(),
                    keepOrReplace(body, "notificationEmailAddress", replace, old.notificationEmailAddress(),
                            () -> text(body, "notificationEmailAddress", 150).orElse(null)),
                    flag(body, "isActive", replace, old.active()),
                    flag(body, "isSubscribedToCreateEvents", replace, old.createEvents()),
                    flag(body, "isSubscribedToUpdateEvents", replace, old.updateEvents()),
                    flag(body, "isSubscribedToDeleteEvents", replace, old.deleteEvents()),
                    flag(body, "sendThresholdExceededNotification", replace, old.sendThresholdExceededNotification()),
                    old.ownerResourceId(), old.guid());
            refuseDuplicate(updated);
            registry.replaceWebhook(updated);
            if (old.active() && !updated.active()) {
                delivery.sendDeactivationNotice(updated);
            } else if (!old.active() && updated.active()) {
                delivery.reactivated(updated);
            }
            return itemId(id);
        }
    }

    private ApiResponse deleteWebhook(ApiRequest request, WebhookFamily family, long id) {
        denyWithoutWebhookRight(request, "delete");
        synchronized (registry) {
            Webhook removed = registry.removeWebhook(family, id).orElseThrow(() -> new IllegalArgumentException(NO_MATCH));
            if (removed.active()) {
                delivery.sendDeactivationNotice(removed);
            }
            delivery.forget(removed);
            return itemId(id);
        }
    }

    private void refuseDuplicate(Webhook candidate) {
        for (Webhook existing : registry.webhooks(candidate.family())) {
            if (candidate.duplicates(existing)) {
                throw new IllegalArgumentException("A " + candidate.family().entityType() + " webhook with the same "
                        + "webhookUrl and event subscriptions already exists (id " + existing.id() + ").");
            }
        }
    }

    // ---- {X}Webhooks/{parentId}/Fields | UdfFields | ExcludedResources

    private ApiResponse children(ApiRequest request, WebhookFamily family, Child child, long parentId,
                                 List<String> rest) {
        String method = request.method();
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> new RowQuery(family.entityType() + child.entitySuffix, childFieldNames(family, child))
                        .answer(childRows(family, child, parentId), null, false);
                case "POST" -> createChild(request, family, child, parentId);
                case "PUT", "PATCH" -> child == Child.EXCLUDED_RESOURCES ? notAllowed(method)
                        : updateField(request, family, child == Child.UDF_FIELDS, parentId, method.equals("PUT"));
                default -> notAllowed(method);
            };
        }
        if (rest.get(0).equalsIgnoreCase("entityInformation")) {
            return childEntityInformation(request, family, child, rest.subList(1, rest.size()));
        }
        Optional<Long> id = id(rest.get(0));
        if (id.isEmpty() || rest.size() > 1) {
            return notFound(request);
        }
        Optional<ObjectNode> row = childRow(family, child, id.get()).filter(node -> node.get("webhookID").asLong() == parentId);
        return switch (method) {
            case "GET" -> item(row);
            case "DELETE" -> {
                denyWithoutWebhookRight(request, "delete");
                if (row.isEmpty()) {
                    throw new IllegalArgumentException(NO_MATCH);
                }
                if (child == Child.EXCLUDED_RESOURCES) {
                    registry.removeExcluded(family, id.get());
                } else {
                    registry.removeField(family, child == Child.UDF_FIELDS, id.get());
                }
                yield itemId(id.get());
            }
            default -> notAllowed(method);
        };
    }

    private ApiResponse createChild(ApiRequest request, WebhookFamily family, Child child, long parentId) {
        denyWithoutWebhookRight(request, "create");
        RequestBody body = body(request);
        body.number("webhookID").filter(sent -> sent != parentId).ifPresent(sent -> {
            throw new IllegalArgumentException("webhookID " + sent + " does not match the parent id " + parentId + ".");
        });
        synchronized (registry) {
            registry.webhook(family, parentId).orElseThrow(() -> new IllegalArgumentException(
                    "The parent " + family.entityType() + "Webhook " + parentId + " does not exist."));
            if (child == Child.EXCLUDED_RESOURCES) {
                long resourceId = body.number("resourceID").orElseThrow(() -> new IllegalArgumentException(
                        "The resourceID field is required."));
                if (registry.excludedOf(family, parentId).stream().anyMatch(r -> r.resourceId() == resourceId)) {
                    throw new IllegalArgumentException("Resource " + resourceId + " is already excluded from this webhook.");
                }
                return itemId(registry.addExcluded(family, parentId, resourceId).id());
            }
            boolean udf = child == Child.UDF_FIELDS;
            String key = udf ? "udfFieldID" : "fieldID";
            long fieldId = body.number(key).orElseThrow(() -> new IllegalArgumentException(
                    "The " + key + " field is required."));
            boolean known = udf ? registry.udfs(family).containsKey(fieldId) : family.field(fieldId).isPresent();
            if (!known) {
                throw new IllegalArgumentException("Invalid " + key + " " + fieldId + ": it is not a webhook field of the "
                        + family.entityType() + " entity.");
            }
            if (registry.fieldsOf(family, udf, parentId).stream().anyMatch(field -> field.fieldId() == fieldId)) {
                throw new IllegalArgumentException(key + " " + fieldId + " is already part of this webhook.");
            }
            return itemId(registry.addField(family, udf, parentId, fieldId,
                    body.bool("isSubscribedField").orElse(false),
                    body.bool("isDisplayAlwaysField").orElse(false)).id());
        }
    }

    private ApiResponse updateField(ApiRequest request, WebhookFamily family, boolean udf, long parentId,
                                    boolean replace) {
        denyWithoutWebhookRight(request, "update");
        RequestBody body = body(request);
        long id = body.number("id").orElseThrow(() -> new IllegalArgumentException("The id field is required."));
        synchronized (registry) {
            WebhookField old = registry.field(family, udf, id).filter(field -> field.webhookId() == parentId)
                    .orElseThrow(() -> new IllegalArgumentException("No matching records found for id " + id + "."));
            registry.replaceField(family, udf, new WebhookField(id, parentId, old.fieldId(),
                    flag(body, "isSubscribedField", replace, old.subscribed()),
                    flag(body, "isDisplayAlwaysField", replace, old.displayAlways())));
            return itemId(id);
        }
    }

    private ApiResponse childEntityInformation(ApiRequest request, WebhookFamily family, Child child,
                                               List<String> rest) {
        return switch (child) {
            case FIELDS -> entityInformation(request, rest, family.entityType() + child.entitySuffix,
                    WebhookJson.fieldRowFields(family, false), Map.of("fieldID", fieldIdPicklist(family)), true);
            case UDF_FIELDS -> entityInformation(request, rest, family.entityType() + child.entitySuffix,
                    WebhookJson.fieldRowFields(family, true), Map.of("udfFieldID", udfFieldIdPicklist(family)), true);
            case EXCLUDED_RESOURCES -> entityInformation(request, rest, family.entityType() + child.entitySuffix,
                    WebhookJson.excludedResourceFields(family), Map.of(), false);
        };
    }

    // ---- flat {X}WebhookFields | {X}WebhookUdfFields | {X}WebhookExcludedResources

    private ApiResponse flat(ApiRequest request, WebhookFamily family, Child child, List<String> rest) {
        if (rest.isEmpty()) {
            // children are written only under their parent, like POST /TicketNotes
            return notFound(request);
        }
        if (rest.get(0).equalsIgnoreCase("query")) {
            return query(request, rest.subList(1, rest.size()),
                    new RowQuery(family.entityType() + child.entitySuffix, childFieldNames(family, child)),
                    () -> childRows(family, child, null));
        }
        if (rest.get(0).equalsIgnoreCase("entityInformation")) {
            return childEntityInformation(request, family, child, rest.subList(1, rest.size()));
        }
        Optional<Long> id = id(rest.get(0));
        if (id.isEmpty() || rest.size() > 1) {
            return notFound(request);
        }
        return request.method().equals("GET") ? item(childRow(family, child, id.get())) : notAllowed(request.method());
    }

    private List<ObjectNode> childRows(WebhookFamily family, Child child, Long parentId) {
        List<ObjectNode> rows = child == Child.EXCLUDED_RESOURCES
                ? registry.excluded(family).stream().map(WebhookJson::excluded).toList()
                : registry.fields(family, child == Child.UDF_FIELDS).stream()
                        .map(field -> WebhookJson.field(field, child == Child.UDF_FIELDS)).toList();
        return parentId == null ? rows
                : rows.stream().filter(row -> row.get("webhookID").asLong() == parentId).toList();
    }

    private Optional<ObjectNode> childRow(WebhookFamily family, Child child, long id) {
        return child == Child.EXCLUDED_RESOURCES ? registry.excluded(family, id).map(WebhookJson::excluded)
                : registry.field(family, child == Child.UDF_FIELDS, id)
                        .map(field -> WebhookJson.field(field, child == Child.UDF_FIELDS));
    }

    private static List<String> childFieldNames(WebhookFamily family, Child child) {
        return WebhookJson.names(child == Child.EXCLUDED_RESOURCES ? WebhookJson.excludedResourceFields(family)
                : WebhookJson.fieldRowFields(family, child == Child.UDF_FIELDS));
    }

    /** The {@code fieldID} picklist: value = FieldID, label = the REST field name. */
    private static Map<String, String> fieldIdPicklist(WebhookFamily family) {
        Map<String, String> values = new LinkedHashMap<>();
        family.fields().forEach(field -> values.put(Long.toString(field.fieldId()), field.name()));
        return values;
    }

    private Map<String, String> udfFieldIdPicklist(WebhookFamily family) {
        Map<String, String> values = new LinkedHashMap<>();
        registry.udfs(family).forEach((id, name) -> values.put(Long.toString(id), name));
        return values;
    }

    // ---- WebhookEventErrorLogs

    private ApiResponse errorLogs(ApiRequest request, List<String> rest) {
        if (rest.isEmpty()) {
            return notAllowed(request.method());
        }
        if (rest.get(0).equalsIgnoreCase("query")) {
            return query(request, rest.subList(1, rest.size()),
                    new RowQuery("WebhookEventErrorLog", WebhookJson.names(WebhookJson.ERROR_LOG_FIELDS)),
                    () -> registry.errorLogs().stream().map(WebhookJson::errorLog).toList());
        }
        if (rest.get(0).equalsIgnoreCase("entityInformation")) {
            return entityInformation(request, rest.subList(1, rest.size()), "WebhookEventErrorLog",
                    WebhookJson.ERROR_LOG_FIELDS, Map.of(), false);
        }
        Optional<Long> id = id(rest.get(0));
        if (id.isEmpty() || rest.size() > 1) {
            return notFound(request);
        }
        return switch (request.method()) {
            case "GET" -> item(registry.errorLog(id.get()).map(WebhookJson::errorLog));
            case "DELETE" -> {
                denyWithoutWebhookRight(request, "delete");
                if (!registry.removeErrorLog(id.get())) {
                    throw new IllegalArgumentException(NO_MATCH);
                }
                yield itemId(id.get());
            }
            default -> notAllowed(request.method());
        };
    }

    // ---- shared pieces

    private ApiResponse query(ApiRequest request, List<String> rest, RowQuery query,
                              Supplier<List<ObjectNode>> rows) {
        boolean count = rest.size() == 1 && rest.get(0).equalsIgnoreCase("count");
        if (!rest.isEmpty() && !count) {
            return notFound(request);
        }
        JsonNode search;
        switch (request.method()) {
            case "GET" -> {
                String text = request.query().get("search");
                try {
                    search = text == null || text.isBlank() ? null : JSON.readTree(text);
                } catch (JacksonException malformed) {
                    return ApiResponse.errors(500, "Invalid search JSON: " + malformed.getOriginalMessage());
                }
            }
            case "POST" -> search = request.body();
            default -> {
                return notAllowed(request.method());
            }
        }
        return query.answer(rows.get(), search, count);
    }

    private ApiResponse entityInformation(ApiRequest request, List<String> rest, String entityName,
                                          List<WebhookJson.FieldInfo> fields,
                                          Map<String, Map<String, String>> picklists, boolean canUpdate) {
        if (!request.method().equals("GET")) {
            return notAllowed(request.method());
        }
        if (rest.isEmpty()) {
            return ApiResponse.ok(WebhookJson.entityInformation(entityName, true, true, canUpdate));
        }
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("fields")) {
            return ApiResponse.ok(WebhookJson.fieldInformation(fields, picklists));
        }
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("userDefinedFields")) {
            ObjectNode none = JsonNodeFactory.instance.objectNode();
            none.putArray("fields");
            return ApiResponse.ok(none);
        }
        return notFound(request);
    }

    private ObjectNode webhookJson(Webhook webhook) {
        return WebhookJson.webhook(webhook, registry.isReady(webhook.family(), webhook.id()));
    }

    private static void denyWithoutWebhookRight(ApiRequest request, String action) {
        if (request.caller().level() != SecurityLevel.API_WEBHOOK) {
            throw new IllegalArgumentException("The logged in Resource does not have the adequate permissions to "
                    + action + " this entity type.");
        }
    }

    private static RequestBody body(ApiRequest request) {
        if (request.body() == null || !request.body().isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object.");
        }
        return RequestBody.of(request.body());
    }

    private static Optional<String> text(RequestBody body, String key, int maxLength) {
        Optional<String> value = body.string(key);
        value.filter(text -> text.length() > maxLength).ifPresent(text -> {
            throw new IllegalArgumentException("The value of " + key + " exceeds its maximum length of " + maxLength
                    + " characters.");
        });
        return value;
    }

    /** Both URLs are required by Autotask; the simulator also accepts http so tests can receive on loopback. */
    private static String url(RequestBody body, String key) {
        String value = text(body, key, 500).filter(text -> !text.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("The " + key + " field is required."));
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value.trim();
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the field's name
        }
        throw new IllegalArgumentException("The " + key + " field is not a valid URL: " + value);
    }

    private static <T> T keepOrReplace(RequestBody body, String key, boolean replace, T old, Supplier<T> sent) {
        return body.has(key) || replace ? sent.get() : old;
    }

    private static boolean flag(RequestBody body, String key, boolean replace, boolean old) {
        return body.bool(key).orElse(body.has(key) || replace ? false : old);
    }

    private String newSecret() {
        synchronized (identities) {
            StringBuilder secret = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                secret.append(SECRET_ALPHABET.charAt(identities.nextInt(SECRET_ALPHABET.length())));
            }
            return secret.toString();
        }
    }

    /** A version 4 UUID drawn from the seeded generator. */
    private String newGuid() {
        synchronized (identities) {
            long high = (identities.nextLong() & ~0xF000L) | 0x4000L;
            long low = (identities.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(high, low).toString();
        }
    }

    private static Optional<Long> id(String segment) {
        try {
            return Optional.of(Long.parseLong(segment));
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }

    private static ApiResponse item(Optional<ObjectNode> row) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (row.isPresent()) {
            result.set("item", row.get());
        } else {
            result.putNull("item");
        }
        return ApiResponse.ok(result);
    }

    private static ApiResponse itemId(long id) {
        return ApiResponse.ok(JsonNodeFactory.instance.objectNode().put("itemId", id));
    }

    /** ASP.NET's own answer for a route without the method, not Autotask's errors[] shape. */
    private static ApiResponse notAllowed(String method) {
        return new ApiResponse(405, JsonNodeFactory.instance.objectNode()
                .put("Message", "The requested resource does not support http method '" + method + "'."));
    }

    private static ApiResponse notFound(ApiRequest request) {
        return new ApiResponse(404, JsonNodeFactory.instance.objectNode()
                .put("Message", "No HTTP resource was found that matches the request URI '"
                        + String.join("/", request.path()) + "'."));
    }
}
