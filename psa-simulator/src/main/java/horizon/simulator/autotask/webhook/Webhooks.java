package horizon.simulator.autotask.webhook;

import horizon.simulator.core.SimClock;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.autotask.http.ApiEndpoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Autotask's webhooks: the Ticket, TicketNote, Company and Contact webhook families with their Fields, UdfFields and
 * ExcludedResources, and the delivery of signed callouts with Autotask's timeout, retry, drop and deactivation rules.
 * <p>
 * A callout body is {@code {"Action","Guid","EntityType","Id","Fields","EventTime","SequenceNumber","PersonID"}} in
 * that order, written like System.Text.Json (see {@link DotNetJson}) and signed over its exact bytes.
 */
public final class Webhooks implements AutoCloseable {
    /** Spread apart from the identity generator so fault decisions do not shift when a webhook is created. */
    private static final long FAULT_SEED_SALT = 0x5EEDFA17L;

    private final SimClock clock;
    private final WebhookRegistry registry = new WebhookRegistry();
    private final DeliveryFaults faults;
    private final PayloadVariants variants = new PayloadVariants();
    private final CalloutDelivery delivery;
    private final WebhookRoutes routes;

    public Webhooks(SimClock clock, long seed) {
        this.clock = clock;
        this.faults = new DeliveryFaults(seed ^ FAULT_SEED_SALT);
        this.delivery = new CalloutDelivery(clock, registry, faults, variants);
        this.routes = new WebhookRoutes(registry, delivery, new Random(seed));
    }

    /** The REST routes of the webhook entities and WebhookEventErrorLogs. */
    public ApiEndpoint endpoint() {
        return routes;
    }

    /**
     * Called by the store after every applied change; fires the matching webhooks. A webhook fires when it is active
     * and ready, the change was not made by one of its excluded resources, and it subscribes to the action; an Update
     * fires only when one of its subscribed fields is among the changed ones. Changes to entities no family watches
     * are ignored.
     */
    public void onChange(RecordChange change) {
        Optional<WebhookFamily> watched = WebhookFamily.ofEntityType(change.entityType());
        if (watched.isEmpty()) {
            return;
        }
        WebhookFamily family = watched.get();
        Set<String> changed = change.changedFields().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        synchronized (registry) {
            for (Webhook webhook : registry.webhooks(family)) {
                if (!webhook.active() || !registry.isReady(family, webhook.id())
                        || registry.excludedOf(family, webhook.id()).stream()
                                .anyMatch(resource -> resource.resourceId() == change.personId())) {
                    continue;
                }
                Optional<ObjectNode> fields = calloutFields(webhook, change, changed);
                if (fields.isPresent()) {
                    long sequence = delivery.nextSequence(webhook);
                    delivery.enqueue(webhook, new Callout(sequence,
                            DotNetJson.write(payload(webhook, change, fields.get(), sequence))));
                }
            }
        }
    }

    /** Switches for the callout details Autotask's documentation leaves open. */
    public PayloadVariants variants() {
        return variants;
    }

    /**
     * Every webhook a client registered, with its URL, DeactivationUrl and secret (which the REST API never returns),
     * so a test can sign deliveries of its own.
     */
    public JsonNode registered() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        synchronized (registry) {
            for (WebhookFamily family : WebhookFamily.values()) {
                for (Webhook webhook : registry.webhooks(family)) {
                    ObjectNode node = list.addObject();
                    node.put("entity", family.webhooksCollection());
                    node.put("id", webhook.id());
                    node.put("guid", webhook.guid());
                    node.put("webhookUrl", webhook.webhookUrl());
                    node.put("deactivationUrl", webhook.deactivationUrl());
                    node.put("secretKey", webhook.secretKey());
                    node.put("isActive", webhook.active());
                    node.put("isReady", registry.isReady(family, webhook.id()));
                }
            }
        }
        return list;
    }

    /** Fault settings for delivery: drop, duplicate, reorder, delay. */
    public DeliveryFaults faults() {
        return faults;
    }

    /**
     * Delivery counters: delivered, failedAttempts (each failed HTTP attempt), dropped (events given up after 5
     * attempts and logged), faultDropped, duplicated, reordered, discarded (queued events of deleted webhooks),
     * deactivated (webhooks switched off after 25 consecutive failures), deactivationNotices (DeactivationUrl calls
     * answered) and pending (events queued, including those of inactive webhooks).
     */
    public Map<String, Long> counters() {
        return delivery.counters();
    }

    /** The webhooks with their fields and error logs, for the state dump. */
    public JsonNode dump() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode dump = nodes.objectNode();
        synchronized (registry) {
            for (WebhookFamily family : WebhookFamily.values()) {
                ArrayNode webhooks = dump.putArray(family.webhooksCollection());
                for (Webhook webhook : registry.webhooks(family)) {
                    ObjectNode node = WebhookJson.webhook(webhook, registry.isReady(family, webhook.id()));
                    ArrayNode fields = node.putArray("fields");
                    registry.fieldsOf(family, false, webhook.id()).forEach(f -> fields.add(WebhookJson.field(f, false)));
                    ArrayNode udfFields = node.putArray("udfFields");
                    registry.fieldsOf(family, true, webhook.id()).forEach(f -> udfFields.add(WebhookJson.field(f, true)));
                    ArrayNode excluded = node.putArray("excludedResources");
                    registry.excludedOf(family, webhook.id()).forEach(r -> excluded.add(WebhookJson.excluded(r)));
                    webhooks.add(node);
                }
            }
            ArrayNode logs = dump.putArray("WebhookEventErrorLogs");
            registry.errorLogs().forEach(log -> logs.add(WebhookJson.errorLog(log)));
        }
        return dump;
    }

    /** The secret a webhook signs with; the REST API never returns it. */
    public Optional<String> secretKey(String entityType, long webhookId) {
        return WebhookFamily.ofEntityType(entityType).flatMap(family -> registry.webhook(family, webhookId))
                .map(Webhook::secretKey);
    }

    /**
     * Makes user-defined fields of an entity (Ticket, Company, Contact) subscribable through UdfFields; returns their
     * UdfFieldIDs, which depend only on the entity and the name. The store calls this with its UDF definitions.
     */
    public List<Long> defineUserDefinedFields(String entityType, Collection<String> names) {
        WebhookFamily family = WebhookFamily.ofEntityType(entityType).filter(WebhookFamily::hasUdfFields)
                .orElseThrow(() -> new IllegalArgumentException(entityType + " webhooks have no UdfFields"));
        return registry.defineUdfs(family, names);
    }

    @Override
    public void close() {
        delivery.close();
    }

    /**
     * The payload's Fields, or empty when the webhook does not fire. Create carries the subscribed fields that were
     * set and the display-always ones; Update the subscribed fields that changed and the display-always ones; Delete
     * nothing. A UDF counts as changed when the store names it (or {@code userDefinedFields}) among the changed fields.
     */
    private Optional<ObjectNode> calloutFields(Webhook webhook, RecordChange change, Set<String> changed) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        switch (change.action()) {
            case "Delete" -> {
                return webhook.deleteEvents() ? Optional.of(fields) : Optional.empty();
            }
            case "Create" -> {
                if (!webhook.createEvents()) {
                    return Optional.empty();
                }
            }
            case "Update" -> {
                if (!webhook.updateEvents()) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        WebhookFamily family = webhook.family();
        boolean anySubscribedChange = false;
        List<Runnable> writes = new ArrayList<>();
        for (WebhookField row : registry.fieldsOf(family, false, webhook.id())) {
            Optional<WatchedField> field = family.field(row.fieldId());
            if (field.isEmpty()) {
                continue;
            }
            boolean subscribedChange = row.subscribed() && changed.contains(field.get().name().toLowerCase(Locale.ROOT));
            anySubscribedChange |= subscribedChange;
            if (subscribedChange || row.displayAlways()) {
                writes.add(() -> putValue(fields, variants.fieldKey(field.get().payloadName()),
                        lookup(change.record(), field.get().name())));
            }
        }
        Map<Long, String> udfs = registry.udfs(family);
        for (WebhookField row : registry.fieldsOf(family, true, webhook.id())) {
            String name = udfs.get(row.fieldId());
            if (name == null) {
                continue;
            }
            boolean subscribedChange = row.subscribed() && (changed.contains(name.toLowerCase(Locale.ROOT))
                    || changed.contains("userdefinedfields"));
            anySubscribedChange |= subscribedChange;
            if (subscribedChange || row.displayAlways()) {
                writes.add(() -> putValue(fields, name, udfValue(change.record(), name)));
            }
        }
        if (change.action().equals("Update") && !anySubscribedChange) {
            return Optional.empty();
        }
        writes.forEach(Runnable::run);
        return Optional.of(fields);
    }

    private ObjectNode payload(Webhook webhook, RecordChange change, ObjectNode fields, long sequence) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("Action", change.action());
        payload.put("Guid", webhook.guid());
        payload.put("EntityType", webhook.family().entityType());
        payload.put("Id", change.id());
        if (!(change.action().equals("Delete") && variants.deleteWithoutFields())) {
            payload.set("Fields", fields);
        }
        payload.put("EventTime", EventTimes.format(change.at() == null ? clock.now() : change.at()));
        payload.put("SequenceNumber", sequence);
        payload.put(variants.personIdKey(), change.personId());
        return payload;
    }

    /** Values travel as strings, picklists as their codes ("Status":"5"); booleans as .NET prints them. */
    private static void putValue(ObjectNode fields, String key, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            fields.putNull(key);
        } else if (value.isBoolean()) {
            fields.put(key, value.booleanValue() ? "True" : "False");
        } else if (value.isIntegralNumber()) {
            fields.put(key, value.bigIntegerValue().toString());
        } else if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            fields.put(key, decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString());
        } else if (value.isValueNode()) {
            fields.put(key, value.asString());
        } else {
            fields.put(key, value.toString());
        }
    }

    private static JsonNode lookup(ObjectNode record, String name) {
        if (record == null) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : record.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static JsonNode udfValue(ObjectNode record, String name) {
        JsonNode udfs = lookup(record, "userDefinedFields");
        if (udfs != null && udfs.isArray()) {
            for (JsonNode udf : udfs) {
                JsonNode udfName = lookup(udf.isObject() ? (ObjectNode) udf : null, "name");
                if (udfName != null && udfName.asString().equalsIgnoreCase(name)) {
                    return lookup((ObjectNode) udf, "value");
                }
            }
        }
        return null;
    }
}
