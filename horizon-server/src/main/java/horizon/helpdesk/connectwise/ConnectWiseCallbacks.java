package horizon.helpdesk.connectwise;

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
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConnectWise's callbacks for Horizon: one owner-level callback per type Horizon mirrors (tickets, companies,
 * contacts, time entries), self-suppressed so Horizon's own writes do not call back; and the check of what they
 * deliver: the account's company, a signing key URL on the account's own site (the URL comes in the payload, so it is
 * never fetched from anywhere else), and {@code x-content-signature} over the raw body.
 */
@Component
class ConnectWiseCallbacks implements HelpdeskCallbacks {

    /** The payload version Horizon reads: {@code Entity} as a JSON string, null on delete. */
    static final String PAYLOAD_VERSION = "3.0.0";
    static final String SELF_SUPPRESSED = "self-suppressed";

    private static final String CALLBACKS = "system/callbacks";
    private static final String OWNER = "owner";
    private static final int MAX_DESCRIPTION = 100;
    private static final int MAX_QUOTED = 200;
    private static final Logger log = LoggerFactory.getLogger(ConnectWiseCallbacks.class);

    /** One callback Horizon keeps: its stable name, ConnectWise's type and the entity it announces. */
    private record Subscription(String name, String type, HelpdeskEntity entity) {
    }

    private static final List<Subscription> SUBSCRIPTIONS = List.of(
            new Subscription("Tickets", "ticket", HelpdeskEntity.TICKETS),
            new Subscription("Companies", "company", HelpdeskEntity.COMPANIES),
            new Subscription("Contacts", "contact", HelpdeskEntity.CONTACTS),
            new Subscription("Time entries", "time", HelpdeskEntity.TIME_ENTRIES));

    private static final Map<String, Action> ACTIONS = Map.of("added", Action.CREATED, "updated", Action.UPDATED,
            "deleted", Action.DELETED);

    private final ConnectWiseApi api;
    private final ConnectWiseSigningKeys keys;
    private final ConnectWiseProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    ConnectWiseCallbacks(ConnectWiseApi api, ConnectWiseSigningKeys keys, ConnectWiseProperties properties) {
        this.api = api;
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public String pathSegment() {
        return "connectwise";
    }

    @Override
    public Set<HelpdeskEntity> announced() {
        return Set.of(HelpdeskEntity.TICKETS, HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS,
                HelpdeskEntity.TIME_ENTRIES);
    }

    // ---- registration ----

    /**
     * Per type: the known callback if ConnectWise still has it (repaired by one PATCH when it is off or calls the
     * wrong URL), else a new one; a create refused with {@code ObjectExists} adopts the matching callback instead.
     */
    @Override
    public List<RegisteredHook> register(HelpdeskCredentials credentials, HookTarget target,
                                         List<RegisteredHook> known) {
        String url = callbackUrl(target.url());
        Registering registering = new Registering(credentials, url);
        List<RegisteredHook> registered = new ArrayList<>();
        for (Subscription subscription : SUBSCRIPTIONS) {
            String description = description(target.name(), subscription.name());
            JsonNode entry = known.stream().filter(h -> h.name().equals(subscription.name())).findFirst()
                    .flatMap(hook -> current(credentials, hook.externalId()))
                    .filter(e -> isFor(e, subscription))
                    .orElse(null);
            if (entry == null) {
                entry = registering.create(subscription, description);
            }
            entry = registering.repaired(entry, subscription, description);
            String id = String.valueOf(entry.path("id").asLong());
            registered.add(new RegisteredHook(subscription.name(), id, id, null));
        }
        log.info("connectwise callbacks registered url={} ids={}", url,
                registered.stream().map(RegisteredHook::externalId).toList());
        return List.copyOf(registered);
    }

    /** One registration's requests; the listing of Horizon's callbacks is read at most once per refusal. */
    private final class Registering {
        private final HelpdeskCredentials credentials;
        private final String url;

        Registering(HelpdeskCredentials credentials, String url) {
            this.credentials = credentials;
            this.url = url;
        }

        JsonNode create(Subscription subscription, String description) {
            ObjectNode body = api.newObject();
            body.put("description", description);
            body.put("url", url);
            body.put("objectId", 1);
            body.put("type", subscription.type());
            body.put("level", OWNER);
            body.put("payloadVersion", PAYLOAD_VERSION);
            body.put("inactiveFlag", false);
            body.put("isSelfSuppressedFlag", true);
            try {
                return api.post(credentials, CALLBACKS, body);
            } catch (HelpdeskException refused) {
                if (!alreadyExists(refused)) {
                    throw refused;
                }
                return matching(subscription).orElseThrow(() -> refused);
            }
        }

        /** The entry as it must be: on, calling Horizon's URL, self-suppressed, named as Horizon names it. */
        JsonNode repaired(JsonNode entry, Subscription subscription, String description) {
            ArrayNode operations = json.createArrayNode();
            if (entry.path("inactiveFlag").asBoolean(false)) {
                replace(operations, "inactiveFlag", JsonNodeFactory.instance.booleanNode(false));
            }
            boolean urlWrong = !url.equals(entry.path("url").asString(""));
            if (urlWrong) {
                replace(operations, "url", JsonNodeFactory.instance.stringNode(url));
            }
            if (!entry.path("isSelfSuppressedFlag").asBoolean(false)) {
                replace(operations, "isSelfSuppressedFlag", JsonNodeFactory.instance.booleanNode(true));
            }
            if (!description.equals(entry.path("description").asString(""))) {
                replace(operations, "description", JsonNodeFactory.instance.stringNode(description));
            }
            if (operations.isEmpty()) {
                return entry;
            }
            String path = CALLBACKS + "/" + entry.path("id").asLong();
            try {
                return api.patch(credentials, path, operations);
            } catch (HelpdeskException refused) {
                if (!urlWrong || !alreadyExists(refused)) {
                    throw refused;
                }
                // another callback of this type already calls Horizon's URL: keep that one, drop the stale one
                JsonNode other = matching(subscription).orElseThrow(() -> refused);
                deleteQuietly(credentials, path);
                return repaired(other, subscription, description);
            }
        }

        /** The callback of this type at owner level that calls Horizon's URL, from one listing. */
        private Optional<JsonNode> matching(Subscription subscription) {
            ConnectWiseConditions conditions = ConnectWiseConditions.where().equalsText("url", url)
                    .equalsText("level", OWNER);
            return api.forwardPage(credentials, CALLBACKS, conditions, null, 0, ConnectWiseApi.MAX_PAGE).stream()
                    .filter(e -> isFor(e, subscription) && url.equals(e.path("url").asString("")))
                    .findFirst();
        }
    }

    @Override
    public void unregister(HelpdeskCredentials credentials, List<RegisteredHook> known) {
        for (RegisteredHook hook : known) {
            id(hook.externalId()).ifPresent(id -> deleteQuietly(credentials, CALLBACKS + "/" + id));
        }
    }

    @Override
    public List<HookState> inspect(HelpdeskCredentials credentials, List<RegisteredHook> known) {
        List<HookState> states = new ArrayList<>();
        for (RegisteredHook hook : known) {
            states.add(current(credentials, hook.externalId()).map(entry -> new HookState(hook.name(),
                    hook.externalId(), true, !entry.path("inactiveFlag").asBoolean(false), true,
                    entry.path("url").asString(null), List.of(entry.path("level").asString("")),
                    entry.path("isSelfSuppressedFlag").asBoolean(false) ? List.of(SELF_SUPPRESSED) : List.of()))
                    .orElseGet(() -> HookState.missing(hook)));
        }
        return List.copyOf(states);
    }

    /** ConnectWise keeps its callback failures in the site's server log, which Horizon cannot read. */
    @Override
    public List<DeliveryFailure> deliveryFailures(HelpdeskCredentials credentials, List<RegisteredHook> known,
                                                  Instant since) {
        return List.of();
    }

    private Optional<JsonNode> current(HelpdeskCredentials credentials, String externalId) {
        Optional<Long> id = id(externalId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(api.get(credentials, CALLBACKS + "/" + id.get(), Map.of()));
        } catch (HelpdeskException failure) {
            if (failure.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    private void deleteQuietly(HelpdeskCredentials credentials, String path) {
        try {
            api.delete(credentials, path);
        } catch (HelpdeskException failure) {
            if (failure.kind() != Kind.NOT_FOUND) {
                throw failure;
            }
        }
    }

    private static boolean isFor(JsonNode entry, Subscription subscription) {
        return subscription.type().equalsIgnoreCase(entry.path("type").asString(""))
                && OWNER.equalsIgnoreCase(entry.path("level").asString(""));
    }

    private static boolean alreadyExists(HelpdeskException failure) {
        return failure.kind() == Kind.CONFLICT && ConnectWiseErrorClassifier.ALREADY_EXISTS.equals(failure.title());
    }

    private static void replace(ArrayNode operations, String field, JsonNode value) {
        operations.addObject().put("op", "replace").put("path", field).set("value", value);
    }

    /** ConnectWise appends the record id to the URL, so it must end in {@code recordId=}. */
    static String callbackUrl(String hookUrl) {
        return hookUrl + (hookUrl.contains("?") ? "&" : "?") + "recordId=";
    }

    private static String description(String targetName, String name) {
        String description = targetName + " " + name;
        return description.length() <= MAX_DESCRIPTION ? description : description.substring(0, MAX_DESCRIPTION);
    }

    private static Optional<Long> id(String externalId) {
        try {
            long id = Long.parseLong(externalId == null ? "" : externalId.strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    // ---- inbound calls ----

    /**
     * In order: the body is a JSON object with ID, Type and Action (400); {@code recordId}, when present, is the ID
     * (400); the company is the account's (401); a signature is there (401 missing); the key URL is on the account's
     * site (401, never fetched otherwise); the signature matches under the kept key, or else under the key fetched
     * afresh, as ConnectWise rotates them (401).
     */
    @Override
    public InboundVerdict receive(InboundCall call, HookContext context) {
        Map<String, JsonNode> payload;
        try {
            JsonNode root = json.readTree(call.body());
            if (root == null || !root.isObject()) {
                return rejected(SignatureVerdict.NOT_CHECKED, 400, "The call's body is not a JSON object", null);
            }
            payload = caseInsensitive(root);
        } catch (JacksonException malformed) {
            return rejected(SignatureVerdict.NOT_CHECKED, 400, "The call's body is not JSON", null);
        }
        long id = number(payload.get("id"));
        String type = text(payload.get("type"));
        String actionName = text(payload.get("action"));
        if (id <= 0 || type == null || actionName == null) {
            return rejected(SignatureVerdict.NOT_CHECKED, 400, "The call carries no record ID, Type or Action", null);
        }
        Action action = ACTIONS.get(actionName.toLowerCase(Locale.ROOT));
        // an unknown action is logged with what else the call claimed, and no action
        CallbackNotice notice = notice(payload, type, id, action);
        if (action == null) {
            return rejected(SignatureVerdict.NOT_CHECKED, 400, "Unknown Action \"" + quoted(actionName) + "\"",
                    notice);
        }
        String recordId = call.query().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("recordId"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (recordId != null && !recordId.isBlank() && !recordId.strip().equals(String.valueOf(id))) {
            return rejected(SignatureVerdict.NOT_CHECKED, 400, "The URL's recordId " + quoted(recordId)
                    + " is not the payload's ID " + id, notice);
        }
        HelpdeskCredentials credentials = context.credentials();
        String company = text(payload.get("companyid"));
        if (company == null || !company.equalsIgnoreCase(credentials.value(ConnectWiseApi.COMPANY_ID))) {
            return rejected(SignatureVerdict.NOT_CHECKED, 401, "The call names company \""
                    + quoted(company == null ? "" : company) + "\", not this account's", notice);
        }
        String signature = call.header(ConnectWiseContentSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            return rejected(SignatureVerdict.MISSING, 401, "The call has no " + ConnectWiseContentSignature.HEADER
                    + " header", notice);
        }
        String keyUrlText = keyUrl(payload.get("metadata"));
        if (keyUrlText == null) {
            return rejected(SignatureVerdict.NOT_CHECKED, 401, "The call names no signing key URL (Metadata.key_url)",
                    notice);
        }
        Optional<URI> keyUrl = onAccountSite(keyUrlText, credentials);
        if (keyUrl.isEmpty()) {
            return rejected(SignatureVerdict.NOT_CHECKED, 401, "Signing key URL " + quoted(keyUrlText)
                    + " is not on this account's ConnectWise site", notice);
        }
        Optional<String> kept = keys.cached(keyUrl.get());
        if (kept.isPresent() && ConnectWiseContentSignature.verify(call.body(), signature, kept.get())) {
            return new Accepted(SignatureVerdict.VALID, List.of(notice));
        }
        String fetched;
        try {
            // not kept yet, or rotated behind the same URL since it was kept: one fetch decides
            fetched = keys.fetch(keyUrl.get());
        } catch (ConnectWiseSigningKeys.Unavailable unavailable) {
            return rejected(SignatureVerdict.NOT_CHECKED, 401, unavailable.getMessage(), notice);
        }
        if (!ConnectWiseContentSignature.verify(call.body(), signature, fetched)) {
            return rejected(SignatureVerdict.INVALID, 401, "The " + ConnectWiseContentSignature.HEADER
                    + " does not match the body under the key its key URL serves", notice);
        }
        return new Accepted(SignatureVerdict.VALID, List.of(notice));
    }

    private Optional<URI> onAccountSite(String keyUrl, HelpdeskCredentials credentials) {
        URI uri;
        try {
            uri = new URI(keyUrl);
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
        ConnectWiseSite site;
        try {
            site = api.site(credentials);
        } catch (HelpdeskException unusable) {
            return Optional.empty();
        }
        return site.hostsSigningKey(uri, properties.allowInsecureLoopback()) ? Optional.of(uri) : Optional.empty();
    }

    private CallbackNotice notice(Map<String, JsonNode> payload, String type, long id, Action action) {
        HelpdeskEntity entity = SUBSCRIPTIONS.stream().filter(s -> s.type().equalsIgnoreCase(type)).findFirst()
                .map(Subscription::entity).orElse(null);
        return new CallbackNotice(type, entity, id, action, text(payload.get("messageid")),
                lastUpdated(payload.get("entity")), text(payload.get("memberid")),
                text(payload.get("callbackobjectrecid")),
                entity == HelpdeskEntity.TICKETS ? String.valueOf(id) : null);
    }

    /** {@code _info.lastUpdated} of the record in {@code Entity} (a JSON string), or null when there is none. */
    private Instant lastUpdated(JsonNode entity) {
        if (entity == null || entity.isNull()) {
            return null;
        }
        JsonNode record;
        try {
            record = entity.isString() ? json.readTree(entity.stringValue()) : entity;
        } catch (JacksonException unreadable) {
            return null;
        }
        if (record == null || !record.isObject()) {
            return null;
        }
        JsonNode info = caseInsensitive(record).get("_info");
        String text = info == null || !info.isObject() ? null : text(caseInsensitive(info).get("lastupdated"));
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static String keyUrl(JsonNode metadata) {
        return metadata == null || !metadata.isObject() ? null : text(caseInsensitive(metadata).get("key_url"));
    }

    private static Map<String, JsonNode> caseInsensitive(JsonNode object) {
        Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        object.properties().forEach(field -> fields.putIfAbsent(field.getKey(), field.getValue()));
        return fields;
    }

    /** A string or number as text; null when absent, null or blank. */
    private static String text(JsonNode node) {
        if (node == null || !(node.isString() || node.isNumber())) {
            return null;
        }
        String text = node.asString().strip();
        return text.isEmpty() ? null : text;
    }

    /** A whole number sent as a number or as digits; 0 otherwise. */
    private static long number(JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        String text = text(node);
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static String quoted(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }

    private static Rejected rejected(SignatureVerdict signature, int status, String reason, CallbackNotice notice) {
        log.info("connectwise callback rejected status={} signature={} type={} id={} reason=\"{}\"", status,
                signature.label(), notice == null ? null : notice.type(), notice == null ? null : notice.externalId(),
                reason);
        return new Rejected(signature, status, reason, notice);
    }
}
