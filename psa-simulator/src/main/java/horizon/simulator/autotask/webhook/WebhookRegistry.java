package horizon.simulator.autotask.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.zip.CRC32;

/**
 * Every webhook row the simulator holds: webhooks, their Fields, UdfFields and ExcludedResources per family, the user
 * defined fields webhooks can watch, and WebhookEventErrorLogs. All methods lock this object; callers that need several
 * steps to be atomic (firing, delivery bookkeeping) synchronize on it too.
 */
final class WebhookRegistry {
    /** Real UdfFieldIDs are large internal ids; these are derived from the UDF's name so they do not depend on order. */
    private static final long UDF_ID_BASE = 29_680_000L;

    private final Map<WebhookFamily, FamilyRows> families = new EnumMap<>(WebhookFamily.class);
    private final Map<WebhookFamily, Map<Long, String>> udfs = new EnumMap<>(WebhookFamily.class);
    private final TreeMap<Long, EventErrorLog> errorLogs = new TreeMap<>();
    private long nextErrorLogId = 1;

    WebhookRegistry() {
        for (WebhookFamily family : WebhookFamily.values()) {
            families.put(family, new FamilyRows());
            udfs.put(family, new LinkedHashMap<>());
        }
    }

    synchronized Webhook addWebhook(WebhookFamily family, LongFunction<Webhook> withId) {
        FamilyRows rows = families.get(family);
        Webhook webhook = withId.apply(rows.nextWebhookId++);
        rows.webhooks.put(webhook.id(), webhook);
        return webhook;
    }

    synchronized void replaceWebhook(Webhook webhook) {
        families.get(webhook.family()).webhooks.replace(webhook.id(), webhook);
    }

    synchronized Optional<Webhook> webhook(WebhookFamily family, long id) {
        return Optional.ofNullable(families.get(family).webhooks.get(id));
    }

    synchronized List<Webhook> webhooks(WebhookFamily family) {
        return List.copyOf(families.get(family).webhooks.values());
    }

    /** Removes the webhook with its fields and excluded resources; its error logs stay, as Autotask keeps them. */
    synchronized Optional<Webhook> removeWebhook(WebhookFamily family, long id) {
        FamilyRows rows = families.get(family);
        Webhook removed = rows.webhooks.remove(id);
        if (removed != null) {
            rows.fields.values().removeIf(field -> field.webhookId() == id);
            rows.udfFields.values().removeIf(field -> field.webhookId() == id);
            rows.excluded.values().removeIf(resource -> resource.webhookId() == id);
        }
        return Optional.ofNullable(removed);
    }

    /** Autotask's isReady: at least one Field or UdfField exists. */
    synchronized boolean isReady(WebhookFamily family, long webhookId) {
        FamilyRows rows = families.get(family);
        return rows.fields.values().stream().anyMatch(field -> field.webhookId() == webhookId)
                || rows.udfFields.values().stream().anyMatch(field -> field.webhookId() == webhookId);
    }

    synchronized WebhookField addField(WebhookFamily family, boolean udf, long webhookId, long fieldId,
                                       boolean subscribed, boolean displayAlways) {
        FamilyRows rows = families.get(family);
        long id = udf ? rows.nextUdfFieldId++ : rows.nextFieldId++;
        WebhookField field = new WebhookField(id, webhookId, fieldId, subscribed, displayAlways);
        rows.fields(udf).put(id, field);
        return field;
    }

    synchronized void replaceField(WebhookFamily family, boolean udf, WebhookField field) {
        families.get(family).fields(udf).replace(field.id(), field);
    }

    synchronized Optional<WebhookField> field(WebhookFamily family, boolean udf, long id) {
        return Optional.ofNullable(families.get(family).fields(udf).get(id));
    }

    synchronized List<WebhookField> fields(WebhookFamily family, boolean udf) {
        return List.copyOf(families.get(family).fields(udf).values());
    }

    synchronized List<WebhookField> fieldsOf(WebhookFamily family, boolean udf, long webhookId) {
        return families.get(family).fields(udf).values().stream().filter(field -> field.webhookId() == webhookId)
                .toList();
    }

    synchronized boolean removeField(WebhookFamily family, boolean udf, long id) {
        return families.get(family).fields(udf).remove(id) != null;
    }

    synchronized ExcludedResource addExcluded(WebhookFamily family, long webhookId, long resourceId) {
        FamilyRows rows = families.get(family);
        ExcludedResource resource = new ExcludedResource(rows.nextExcludedId++, webhookId, resourceId);
        rows.excluded.put(resource.id(), resource);
        return resource;
    }

    synchronized Optional<ExcludedResource> excluded(WebhookFamily family, long id) {
        return Optional.ofNullable(families.get(family).excluded.get(id));
    }

    synchronized List<ExcludedResource> excluded(WebhookFamily family) {
        return List.copyOf(families.get(family).excluded.values());
    }

    synchronized List<ExcludedResource> excludedOf(WebhookFamily family, long webhookId) {
        return families.get(family).excluded.values().stream().filter(resource -> resource.webhookId() == webhookId)
                .toList();
    }

    synchronized boolean removeExcluded(WebhookFamily family, long id) {
        return families.get(family).excluded.remove(id) != null;
    }

    synchronized EventErrorLog addErrorLog(WebhookFamily family, long webhookId, Instant at, String errorMessage,
                                           String payload, long sequenceNumber) {
        EventErrorLog log = new EventErrorLog(nextErrorLogId++, family, webhookId, at, errorMessage, payload,
                sequenceNumber);
        errorLogs.put(log.id(), log);
        return log;
    }

    synchronized Optional<EventErrorLog> errorLog(long id) {
        return Optional.ofNullable(errorLogs.get(id));
    }

    synchronized List<EventErrorLog> errorLogs() {
        return List.copyOf(errorLogs.values());
    }

    synchronized boolean removeErrorLog(long id) {
        return errorLogs.remove(id) != null;
    }

    /** Makes user-defined fields of an entity available to webhooks; returns their UdfFieldIDs in the given order. */
    synchronized List<Long> defineUdfs(WebhookFamily family, Collection<String> names) {
        Map<Long, String> defined = udfs.get(family);
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            Optional<Long> existing = defined.entrySet().stream()
                    .filter(entry -> entry.getValue().equalsIgnoreCase(name)).map(Map.Entry::getKey).findFirst();
            long id = existing.orElseGet(() -> {
                CRC32 crc = new CRC32();
                crc.update((family.entityType() + ":" + name.toLowerCase(Locale.ROOT)).getBytes(
                        StandardCharsets.UTF_8));
                long candidate = UDF_ID_BASE + crc.getValue() % 20_000;
                while (defined.containsKey(candidate)) {
                    candidate++;
                }
                defined.put(candidate, name);
                return candidate;
            });
            ids.add(id);
        }
        return ids;
    }

    /** UdfFieldID → UDF name, in definition order. */
    synchronized Map<Long, String> udfs(WebhookFamily family) {
        return new LinkedHashMap<>(udfs.get(family));
    }

    private static final class FamilyRows {
        private final TreeMap<Long, Webhook> webhooks = new TreeMap<>();
        private final TreeMap<Long, WebhookField> fields = new TreeMap<>();
        private final TreeMap<Long, WebhookField> udfFields = new TreeMap<>();
        private final TreeMap<Long, ExcludedResource> excluded = new TreeMap<>();
        private long nextWebhookId = 1;
        private long nextFieldId = 1;
        private long nextUdfFieldId = 1;
        private long nextExcludedId = 1;

        private TreeMap<Long, WebhookField> fields(boolean udf) {
            return udf ? udfFields : fields;
        }
    }
}
