package horizon.helpdesk.autotask;

import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.CallbackNotice.Action;
import horizon.helpdesk.DeliveryFailure;
import horizon.helpdesk.HelpdeskCallbacks;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.HookState;
import horizon.helpdesk.HookTarget;
import horizon.helpdesk.InboundCall;
import horizon.helpdesk.InboundVerdict;
import horizon.helpdesk.InboundVerdict.Accepted;
import horizon.helpdesk.InboundVerdict.Rejected;
import horizon.helpdesk.RegisteredHook;
import horizon.helpdesk.SignatureVerdict;
import horizon.helpdesk.autotask.AutotaskHookFamily.HookField;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Autotask's webhooks for Horizon: the Tickets, Ticket notes, Companies and Contacts webhooks kept registered with
 * their Fields and Horizon's own API user excluded, their state and dropped deliveries as Autotask reports them, and
 * the signed callouts they send. Every request goes through {@link AutotaskApi} and so through the tenant's rate gate.
 *
 * <p>Autotask returns a webhook's secretKey to nobody, so Horizon chooses every secret itself and keeps it: a webhook
 * it finds again by URL (its stored copy lost) is given a new one.
 */
@Component
class AutotaskCallbacks implements HelpdeskCallbacks {

    /** How many dropped deliveries {@link #deliveryFailures} reports at most. */
    static final int MAX_FAILURES = 100;

    private static final Logger log = LoggerFactory.getLogger(AutotaskCallbacks.class);
    private static final Set<HelpdeskEntity> ANNOUNCED = Set.of(HelpdeskEntity.TICKETS, HelpdeskEntity.TICKET_NOTES,
            HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS);
    private static final int NAME_LENGTH = 50;
    private static final int SECRET_BYTES = 32;
    private static final int ERROR_LOG_PAGES = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AutotaskApi api;
    private final SecureRandom random = new SecureRandom();

    AutotaskCallbacks(AutotaskApi api) {
        this.api = api;
    }

    @Override
    public String pathSegment() {
        return "autotask";
    }

    @Override
    public Set<HelpdeskEntity> announced() {
        return ANNOUNCED;
    }

    // ---- register

    @Override
    public List<RegisteredHook> register(HelpdeskCredentials credentials, HookTarget target,
                                         List<RegisteredHook> known) {
        Long ownResource = ownResourceId(credentials);
        List<RegisteredHook> registered = new ArrayList<>();
        try {
            for (AutotaskHookFamily family : AutotaskHookFamily.values()) {
                RegisteredHook stored = known.stream().filter(h -> h.name().equals(family.hookName())).findFirst()
                        .orElse(null);
                registered.add(registerOne(credentials, target, family, stored, ownResource));
            }
        } catch (HelpdeskException failure) {
            throw failure.kind() == Kind.PERMISSION ? webhookPermissionMissing(failure) : failure;
        }
        return List.copyOf(registered);
    }

    private RegisteredHook registerOne(HelpdeskCredentials credentials, HookTarget target, AutotaskHookFamily family,
                                       RegisteredHook stored, Long ownResource) {
        JsonNode hook = null;
        String secret = null;
        String how;
        Long storedId = stored == null ? null : parseId(stored.externalId());
        if (storedId != null) {
            hook = webhook(credentials, family, storedId);
            secret = hook == null ? null : stored.secret();
        }
        long id;
        if (hook == null) {
            hook = webhookAt(credentials, family, target.url());
        }
        if (hook == null) {
            secret = newSecret();
            id = create(credentials, family, target, secret);
            how = "created";
        } else {
            id = hook.path("id").asLong();
            how = storedId != null && storedId == id ? "kept" : "adopted";
            ObjectNode changes = repairs(hook, target);
            if (how.equals("adopted")) {
                changes.put("name", nameOf(target, family));
            }
            if (secret == null) {
                // the PSA never returns a secret: one Horizon does not hold is replaced by one it does
                secret = newSecret();
                changes.put("secretKey", secret);
            }
            if (!changes.isEmpty()) {
                changes.put("id", id);
                api.patch(credentials, family.webhooks(), changes);
            }
        }
        ensureFields(credentials, family, id);
        ensureExcluded(credentials, family, id, ownResource);
        JsonNode now = webhook(credentials, family, id);
        if (now == null) {
            throw HelpdeskException.answered(Kind.TRANSIENT, "Autotask no longer has the " + family.hookName()
                    + " webhook (id " + id + ") Horizon just set up; someone may have deleted it. Horizon will try "
                    + "again.", 200, null).titled("Webhook vanished");
        }
        if (!now.path("isReady").asBoolean(false) || !now.path("isActive").asBoolean(false)) {
            throw HelpdeskException.answered(Kind.VALIDATION, "Autotask does not report the " + family.hookName()
                    + " webhook (id " + id + ") as " + (now.path("isActive").asBoolean(false) ? "ready" : "active")
                    + " after Horizon subscribed it to its fields, so it would never call. Check that the API user's "
                    + "security level can see " + family.hookName().toLowerCase(Locale.ROOT) + ".", 200, null)
                    .titled("Webhook not ready");
        }
        log.info("autotask webhook {} family={} id={}", how, family.webhooks(), id);
        return new RegisteredHook(family.hookName(), Long.toString(id), now.path("webhookGUID").asString(null), secret);
    }

    /** What a webhook Horizon keeps or adopts lacks: switched on, Horizon's URLs, every event type. */
    private static ObjectNode repairs(JsonNode hook, HookTarget target) {
        ObjectNode changes = JSON.createObjectNode();
        if (!hook.path("isActive").asBoolean(false)) {
            changes.put("isActive", true);
        }
        if (!target.url().equals(hook.path("webhookUrl").asString(""))) {
            changes.put("webhookUrl", target.url());
        }
        if (!target.deactivationUrl().equals(hook.path("deactivationUrl").asString(""))) {
            changes.put("deactivationUrl", target.deactivationUrl());
        }
        for (String events : List.of("isSubscribedToCreateEvents", "isSubscribedToUpdateEvents",
                "isSubscribedToDeleteEvents")) {
            if (!hook.path(events).asBoolean(false)) {
                changes.put(events, true);
            }
        }
        return changes;
    }

    private long create(HelpdeskCredentials credentials, AutotaskHookFamily family, HookTarget target, String secret) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", nameOf(target, family));
        body.put("webhookUrl", target.url());
        body.put("deactivationUrl", target.deactivationUrl());
        body.put("secretKey", secret);
        body.put("isActive", true);
        body.put("isSubscribedToCreateEvents", true);
        body.put("isSubscribedToUpdateEvents", true);
        body.put("isSubscribedToDeleteEvents", true);
        body.put("sendThresholdExceededNotification", false);
        return api.post(credentials, family.webhooks(), body).path("itemId").asLong();
    }

    /**
     * Adds the family's fields the webhook lacks, one request at a time (Autotask allows three threads per endpoint),
     * and sets a wanted flag that an existing row misses; rows Horizon did not ask for are left alone.
     */
    private void ensureFields(HelpdeskCredentials credentials, AutotaskHookFamily family, long id) {
        Map<String, Long> fieldIds = fieldIds(credentials, family);
        Map<Long, JsonNode> rows = new HashMap<>();
        for (JsonNode row : items(api.get(credentials, family.webhooks() + "/" + id + "/Fields"))) {
            rows.put(row.path("fieldID").asLong(), row);
        }
        String path = family.webhooks() + "/" + id + "/Fields";
        for (HookField field : family.fields()) {
            Long fieldId = fieldIds.get(field.name().toLowerCase(Locale.ROOT));
            if (fieldId == null) {
                log.debug("autotask webhook family={} has no webhook field {}; skipped", family.webhooks(), field.name());
                continue;
            }
            JsonNode row = rows.get(fieldId);
            if (row == null) {
                ObjectNode body = JSON.createObjectNode();
                body.put("fieldID", fieldId);
                body.put("isSubscribedField", field.subscribed());
                body.put("isDisplayAlwaysField", field.displayAlways());
                body.put("webhookID", id);
                api.post(credentials, path, body);
                continue;
            }
            boolean subscribed = row.path("isSubscribedField").asBoolean(false);
            boolean displayAlways = row.path("isDisplayAlwaysField").asBoolean(false);
            if ((field.subscribed() && !subscribed) || (field.displayAlways() && !displayAlways)) {
                ObjectNode body = JSON.createObjectNode();
                body.put("id", row.path("id").asLong());
                body.put("isSubscribedField", subscribed || field.subscribed());
                body.put("isDisplayAlwaysField", displayAlways || field.displayAlways());
                api.patch(credentials, path, body);
            }
        }
    }

    /** Horizon's own changes are written back by its API user; excluding it keeps them from echoing back. */
    private void ensureExcluded(HelpdeskCredentials credentials, AutotaskHookFamily family, long id, Long ownResource) {
        if (ownResource == null) {
            return;
        }
        String path = family.webhooks() + "/" + id + "/ExcludedResources";
        for (JsonNode row : items(api.get(credentials, path))) {
            if (row.path("resourceID").asLong() == ownResource) {
                return;
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("resourceID", ownResource);
        body.put("webhookID", id);
        api.post(credentials, path, body);
    }

    /** FieldID by lower-case field name, from the {@code fieldID} picklist (label = name, value = FieldID). */
    private Map<String, Long> fieldIds(HelpdeskCredentials credentials, AutotaskHookFamily family) {
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode field : api.get(credentials, family.fieldInformation()).path("fields")) {
            if (!field.path("name").asString("").equalsIgnoreCase("fieldID")) {
                continue;
            }
            for (JsonNode value : field.path("picklistValues")) {
                Long fieldId = parseId(value.path("value").asString(""));
                String label = value.path("label").asString("");
                if (fieldId != null && !label.isBlank() && value.path("isActive").asBoolean(true)) {
                    ids.put(label.strip().toLowerCase(Locale.ROOT), fieldId);
                }
            }
        }
        return ids;
    }

    /** The API user's resource id, or null (then nothing is excluded and Horizon's own writes call back too). */
    private Long ownResourceId(HelpdeskCredentials credentials) {
        JsonNode items = AutotaskConnector.ownResourceItems(api, credentials);
        if (!items.isArray() || items.isEmpty()) {
            log.warn("autotask webhooks: the API user's own resource was not found; its changes are not excluded");
            return null;
        }
        return items.get(0).path("id").asLong();
    }

    /** An existing webhook of the family calling {@code url}: Autotask refuses a second one like it. */
    private JsonNode webhookAt(HelpdeskCredentials credentials, AutotaskHookFamily family, String url) {
        ObjectNode query = JSON.createObjectNode();
        query.putArray("filter").addObject().put("op", "eq").put("field", "webhookUrl").put("value", url);
        JsonNode first = null;
        for (JsonNode hook : items(api.query(credentials, family.webhooks() + "/query", query))) {
            if (!hook.path("webhookUrl").asString("").equalsIgnoreCase(url)) {
                continue;
            }
            if (hook.path("isActive").asBoolean(false)) {
                return hook;
            }
            first = first == null ? hook : first;
        }
        return first;
    }

    private String nameOf(HookTarget target, AutotaskHookFamily family) {
        String name = target.name() + " " + family.hookName();
        return name.length() <= NAME_LENGTH ? name : name.substring(0, NAME_LENGTH);
    }

    /** 32 random bytes as URL-safe Base64: 43 characters, within Autotask's 64. */
    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HelpdeskException webhookPermissionMissing(HelpdeskException failure) {
        String said = failure.psaMessage().orElse(null);
        return HelpdeskException.answered(Kind.PERMISSION, "The API user signed in, but its security level does not "
                        + "let it create webhooks, so Autotask cannot tell Horizon about changes as they happen."
                        + (said == null ? "" : " Autotask said: \"" + said + "\""), failure.httpStatus(), said,
                AutotaskErrorClassifier.SECURITY_LEVEL_STEPS).titled("Webhook permission missing");
    }

    // ---- unregister, inspect, delivery failures

    @Override
    public void unregister(HelpdeskCredentials credentials, List<RegisteredHook> known) {
        for (RegisteredHook hook : known) {
            Optional<AutotaskHookFamily> family = AutotaskHookFamily.named(hook.name());
            Long id = parseId(hook.externalId());
            if (family.isEmpty() || id == null) {
                continue;
            }
            try {
                api.delete(credentials, family.get().webhooks() + "/" + id);
                log.info("autotask webhook deleted family={} id={}", family.get().webhooks(), id);
            } catch (HelpdeskException failure) {
                if (failure.kind() == Kind.PERMISSION) {
                    throw webhookPermissionMissing(failure);
                }
                // Autotask answers a delete of a missing record with a 500 "No matching records found": look whether
                // it is gone rather than read its words
                if (failure.kind() == Kind.RATE_LIMITED || webhook(credentials, family.get(), id) != null) {
                    throw failure;
                }
                log.info("autotask webhook already gone family={} id={}", family.get().webhooks(), id);
            }
        }
    }

    @Override
    public List<HookState> inspect(HelpdeskCredentials credentials, List<RegisteredHook> known) {
        Map<AutotaskHookFamily, Map<Long, String>> names = new EnumMap<>(AutotaskHookFamily.class);
        List<HookState> states = new ArrayList<>();
        for (RegisteredHook hook : known) {
            Optional<AutotaskHookFamily> family = AutotaskHookFamily.named(hook.name());
            Long id = parseId(hook.externalId());
            JsonNode item = family.isEmpty() || id == null ? null : webhook(credentials, family.get(), id);
            if (item == null) {
                states.add(HookState.missing(hook));
                continue;
            }
            Map<Long, String> fieldNames = names.computeIfAbsent(family.get(), f -> fieldNames(credentials, f));
            List<String> subscribed = new ArrayList<>();
            for (JsonNode row : items(api.get(credentials, family.get().webhooks() + "/" + id + "/Fields"))) {
                if (row.path("isSubscribedField").asBoolean(false)) {
                    long fieldId = row.path("fieldID").asLong();
                    subscribed.add(fieldNames.getOrDefault(fieldId, "field " + fieldId));
                }
            }
            List<String> excluded = new ArrayList<>();
            for (JsonNode row : items(api.get(credentials, family.get().webhooks() + "/" + id + "/ExcludedResources"))) {
                excluded.add(row.path("resourceID").asString());
            }
            states.add(new HookState(hook.name(), hook.externalId(), true, item.path("isActive").asBoolean(false),
                    item.path("isReady").asBoolean(false), item.path("webhookUrl").asString(null), subscribed,
                    excluded));
        }
        return List.copyOf(states);
    }

    private Map<Long, String> fieldNames(HelpdeskCredentials credentials, AutotaskHookFamily family) {
        Map<Long, String> byId = new HashMap<>();
        for (JsonNode field : api.get(credentials, family.fieldInformation()).path("fields")) {
            if (field.path("name").asString("").equalsIgnoreCase("fieldID")) {
                field.path("picklistValues").forEach(value -> {
                    Long fieldId = parseId(value.path("value").asString(""));
                    if (fieldId != null) {
                        byId.put(fieldId, value.path("label").asString(""));
                    }
                });
            }
        }
        return byId;
    }

    /**
     * WebhookEventErrorLogs rows since {@code since} that belong to Horizon's webhooks: by the row's webhook id column
     * where Autotask has one for the family, else by the Guid inside the payload it kept.
     */
    @Override
    public List<DeliveryFailure> deliveryFailures(HelpdeskCredentials credentials, List<RegisteredHook> known,
                                                  Instant since) {
        Map<String, RegisteredHook> byColumnId = new HashMap<>();
        Map<String, RegisteredHook> byGuid = new HashMap<>();
        for (RegisteredHook hook : known) {
            AutotaskHookFamily.named(hook.name()).ifPresent(family ->
                    byColumnId.put(family.errorLogColumn().toLowerCase(Locale.ROOT) + ":" + hook.externalId(), hook));
            if (hook.reference() != null) {
                byGuid.put(hook.reference().toLowerCase(Locale.ROOT), hook);
            }
        }
        if (byColumnId.isEmpty() && byGuid.isEmpty()) {
            return List.of();
        }
        record Row(long id, DeliveryFailure failure) {
        }
        List<Row> rows = new ArrayList<>();
        long cursor = 0;
        for (int page = 0; page < ERROR_LOG_PAGES; page++) {
            AutotaskSearch search = AutotaskSearch.where().idAbove(cursor);
            if (since != null) {
                search.since("createDateTime", since);
            }
            List<JsonNode> items = items(api.query(credentials, "WebhookEventErrorLogs/query", search.page(500)));
            for (JsonNode item : items) {
                cursor = Math.max(cursor, item.path("id").asLong());
                RegisteredHook hook = ownerOf(item, byColumnId, byGuid);
                Instant at = instantOrNull(item.path("createDateTime").asString(null));
                if (hook == null || (since != null && at != null && at.isBefore(since))) {
                    continue;
                }
                JsonNode sequence = item.path("sequenceNumber");
                rows.add(new Row(item.path("id").asLong(), new DeliveryFailure(hook.name(), at,
                        item.path("errorMessage").asString(null),
                        sequence.isNull() || sequence.isMissingNode() ? null : sequence.asString(),
                        item.path("payload").asString(null))));
            }
            if (items.size() < 500) {
                break;
            }
        }
        return rows.stream()
                .sorted(Comparator.comparing((Row r) -> r.failure().at(), Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Row::id, Comparator.reverseOrder()))
                .limit(MAX_FAILURES).map(Row::failure).toList();
    }

    private static RegisteredHook ownerOf(JsonNode item, Map<String, RegisteredHook> byColumnId,
                                          Map<String, RegisteredHook> byGuid) {
        for (Map.Entry<String, JsonNode> column : item.properties()) {
            if (column.getKey().toLowerCase(Locale.ROOT).endsWith("webhookid") && column.getValue().isNumber()) {
                RegisteredHook hook = byColumnId.get(column.getKey().toLowerCase(Locale.ROOT) + ":"
                        + column.getValue().asLong());
                if (hook != null) {
                    return hook;
                }
            }
        }
        try {
            JsonNode payload = JSON.readTree(item.path("payload").asString(""));
            JsonNode guid = member(payload, "Guid");
            return guid != null && guid.isString() ? byGuid.get(guid.asString().toLowerCase(Locale.ROOT)) : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    // ---- receive

    /**
     * Reads one callout: the body as JSON (keys in any case), the webhook by its Guid, the signature with that
     * webhook's secret, and only then what the callout announces. No request is made.
     */
    @Override
    public InboundVerdict receive(InboundCall call, HookContext context) {
        JsonNode payload;
        try {
            payload = JSON.readTree(call.body());
        } catch (JacksonException malformed) {
            return new Rejected(SignatureVerdict.NOT_CHECKED, 400, "The body is not JSON.", null);
        }
        if (payload == null || !payload.isObject()) {
            return new Rejected(SignatureVerdict.NOT_CHECKED, 400, "The body is not a JSON object.", null);
        }
        JsonNode guidNode = member(payload, "Guid");
        String guid = guidNode != null && guidNode.isString() ? guidNode.asString().strip() : "";
        CallbackNotice claimed = claimed(payload, guid);
        if (guid.isEmpty()) {
            return new Rejected(SignatureVerdict.NOT_CHECKED, 400, "The callout names no webhook (Guid missing).",
                    null);
        }
        Optional<RegisteredHook> hook = context.hookByReference(guid);
        if (hook.isEmpty()) {
            return new Rejected(SignatureVerdict.NOT_CHECKED, 401, "No Horizon webhook with GUID " + guid
                    + " in this account.", claimed);
        }
        if (hook.get().secret() == null) {
            return new Rejected(SignatureVerdict.NOT_CHECKED, 401, "Horizon holds no secret for the "
                    + hook.get().name() + " webhook; register the webhooks again.", claimed);
        }
        SignatureVerdict signature = AutotaskHookSignature.verify(call.body(),
                call.header(AutotaskHookSignature.HEADER), hook.get().secret());
        if (signature == SignatureVerdict.MISSING) {
            return new Rejected(signature, 401, "No " + AutotaskHookSignature.HEADER + " header.", claimed);
        }
        if (!signature.proven()) {
            return new Rejected(signature, 401, "The " + AutotaskHookSignature.HEADER + " does not match the body "
                    + "signed with the " + hook.get().name() + " webhook's secret.", claimed);
        }
        if (claimed.action() == null) {
            JsonNode action = member(payload, "Action");
            return new Rejected(signature, 400, "Unknown Action "
                    + (action == null ? "(none)" : "'" + action.asString() + "'") + ".", claimed);
        }
        if (claimed.action() != Action.DEACTIVATED && idOf(payload) == null) {
            return new Rejected(signature, 400, "The callout has no numeric Id.", claimed);
        }
        return new Accepted(signature, List.of(claimed));
    }

    /** What the payload says, as far as it can be read: unknown parts are null, an unreadable Id is 0. */
    private static CallbackNotice claimed(JsonNode payload, String guid) {
        Action action = actionOf(member(payload, "Action"));
        JsonNode typeNode = member(payload, "EntityType");
        String type = typeNode == null || typeNode.isNull() ? null : typeNode.asString();
        Long id = idOf(payload);
        JsonNode fields = member(payload, "Fields");
        JsonNode ticketNumber = fields == null || !fields.isObject() ? null : member(fields, "TicketNumber");
        return new CallbackNotice(type, action == Action.DEACTIVATED ? null : entityOf(type),
                action == Action.DEACTIVATED || id == null ? 0 : id, action, text(member(payload, "SequenceNumber")),
                instantOrNull(text(member(payload, "EventTime"))), text(member(payload, "PersonID")),
                guid.isEmpty() ? null : guid, text(ticketNumber));
    }

    private static Action actionOf(JsonNode action) {
        String text = action == null || !action.isString() ? "" : action.asString().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "create" -> Action.CREATED;
            case "update" -> Action.UPDATED;
            case "delete" -> Action.DELETED;
            case "deactivated" -> Action.DEACTIVATED;
            default -> null;
        };
    }

    /** Autotask's singular business names; Account is the old name of Company. */
    private static HelpdeskEntity entityOf(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "ticket" -> HelpdeskEntity.TICKETS;
            case "ticketnote" -> HelpdeskEntity.TICKET_NOTES;
            case "company", "account" -> HelpdeskEntity.COMPANIES;
            case "contact" -> HelpdeskEntity.CONTACTS;
            default -> null;
        };
    }

    /** The Id as a number, or as text of digits; null when absent or anything else. */
    private static Long idOf(JsonNode payload) {
        JsonNode id = member(payload, "Id");
        if (id == null) {
            return null;
        }
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return id.asLong();
        }
        return id.isString() ? parseId(id.asString()) : null;
    }

    /** A member of an object by name in any letter case ({@code PersonID}, {@code PersonId}); null when absent. */
    private static JsonNode member(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }

    private static Instant instantOrNull(String text) {
        try {
            return AutotaskDates.parse(text);
        } catch (IllegalArgumentException notADate) {
            return null;
        }
    }

    // ---- shared

    /** The webhook's row, or null when Autotask no longer has it ({@code "item": null}, or a 404). */
    private JsonNode webhook(HelpdeskCredentials credentials, AutotaskHookFamily family, long id) {
        try {
            JsonNode item = api.get(credentials, family.webhooks() + "/" + id).path("item");
            return item.isObject() ? item : null;
        } catch (HelpdeskException failure) {
            if (failure.kind() == Kind.NOT_FOUND) {
                return null;
            }
            throw failure;
        }
    }

    private static List<JsonNode> items(JsonNode answer) {
        List<JsonNode> items = new ArrayList<>();
        answer.path("items").forEach(items::add);
        return items;
    }

    private static Long parseId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
