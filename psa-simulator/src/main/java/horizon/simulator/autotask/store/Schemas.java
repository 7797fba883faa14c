package horizon.simulator.autotask.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entities the simulator serves. Field lists come from {@code entities.json}, derived from the June 2026 Swagger
 * description of webservices14 (camelCase names and types), with the read-only, required, picklist and reference
 * flags added by hand.
 */
public final class Schemas {
    public static final String TICKETS = "Tickets";
    public static final String TICKET_NOTES = "TicketNotes";
    public static final String TIME_ENTRIES = "TimeEntries";
    public static final String COMPANIES = "Companies";
    public static final String CONTACTS = "Contacts";
    public static final String RESOURCES = "Resources";
    public static final String ROLES = "Roles";
    public static final String RESOURCE_ROLES = "ResourceRoles";
    public static final String DELETED_TICKET_LOGS = "DeletedTicketLogs";
    public static final String DELETED_TICKET_ACTIVITY_LOGS = "DeletedTicketActivityLogs";

    private static final Set<String> WEBHOOK_ENTITIES = Set.of(TICKETS, TICKET_NOTES, COMPANIES, CONTACTS);

    private final Map<String, EntitySchema> byLowerName = new LinkedHashMap<>();

    private Schemas(List<EntitySchema> schemas) {
        schemas.forEach(s -> byLowerName.put(s.name().toLowerCase(Locale.ROOT), s));
    }

    /** Loads the bundled definitions with the given UDFs per collection name. */
    public static Schemas load(Map<String, List<UdfDef>> udfs) {
        JsonNode root;
        try (InputStream in = Schemas.class.getResourceAsStream("/horizon/simulator/autotask/entities.json")) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<EntitySchema> schemas = new ArrayList<>();
        for (JsonNode entity : root.get("entities")) {
            String name = entity.get("name").asString();
            List<FieldDef> fields = new ArrayList<>();
            boolean webhooks = WEBHOOK_ENTITIES.contains(name);
            for (JsonNode f : entity.get("fields")) {
                boolean readOnly = f.path("readOnly").asBoolean(false);
                String fieldName = f.get("name").asString();
                // Autotask offers the fields a technician edits for webhook subscriptions, plus a few it maintains.
                boolean webhookField = webhooks && !fieldName.equals("id")
                        && (!readOnly || Set.of("ticketNumber", "completedDate", "createDate", "createDateTime",
                        "lastActivityDate").contains(fieldName));
                fields.add(new FieldDef(fields.size(), fieldName, DataType.fromWire(f.get("dataType").asString()),
                        f.path("length").asInt(0), readOnly, f.path("required").asBoolean(false),
                        f.path("picklist").asBoolean(false), f.path("reference").asString(null), webhookField));
            }
            schemas.add(switch (name) {
                case TICKETS -> schema(entity, fields, udfs, true, true, false, null, null, null, true);
                case TICKET_NOTES -> schema(entity, fields, udfs, true, true, false, TICKETS, "Notes", "ticketID", true);
                case TIME_ENTRIES -> schema(entity, fields, udfs, true, true, true, null, null, null, false);
                case COMPANIES -> schema(entity, fields, udfs, true, true, false, null, null, null, true);
                case CONTACTS -> schema(entity, fields, udfs, true, true, true, COMPANIES, "Contacts", "companyID", true);
                case RESOURCES -> schema(entity, fields, udfs, false, true, false, null, null, null, false);
                case ROLES -> schema(entity, fields, udfs, true, true, false, null, null, null, false);
                default -> schema(entity, fields, udfs, false, false, false, null, null, null, false);
            });
        }
        return new Schemas(schemas);
    }

    private static EntitySchema schema(JsonNode entity, List<FieldDef> fields, Map<String, List<UdfDef>> udfs,
                                       boolean create, boolean update, boolean delete, String parent, String segment,
                                       String parentField, boolean webhooks) {
        String name = entity.get("name").asString();
        return new EntitySchema(name, entity.get("singular").asString(), fields, udfs.getOrDefault(name, List.of()),
                create, update, delete, parent, segment, parentField, webhooks, Map.of(), Map.of());
    }

    /** The entity for a collection name in any case, e.g. {@code tickets}. */
    public Optional<EntitySchema> byName(String anyCase) {
        return Optional.ofNullable(byLowerName.get(anyCase.toLowerCase(Locale.ROOT)));
    }

    /** The entity for a collection or singular name in any case ({@code Tickets} or {@code Ticket}). */
    public Optional<EntitySchema> byAnyName(String anyCase) {
        return byName(anyCase).or(() -> all().stream().filter(s -> s.singular().equalsIgnoreCase(anyCase)).findFirst());
    }

    public EntitySchema get(String name) {
        return byName(name).orElseThrow();
    }

    /** A child entity by parent collection and child segment, e.g. (Tickets, notes). */
    public Optional<EntitySchema> child(String parent, String segment) {
        return all().stream().filter(s -> s.isChild() && s.parent().equalsIgnoreCase(parent)
                && s.childSegment().equalsIgnoreCase(segment)).findFirst();
    }

    public List<EntitySchema> all() {
        return List.copyOf(byLowerName.values());
    }
}
