package horizon.simulator.autotask.store;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An entity the simulator serves: its collection name in URLs, its singular name in messages and webhooks, its fields,
 * which writes exist, and for child entities the parent collection they are written under.
 *
 * @param name           collection name as in URLs, e.g. Tickets
 * @param singular       entity name, e.g. Ticket (error messages, webhooks, entityInformation)
 * @param parent         collection a child is written under (Tickets for TicketNotes), or null
 * @param childSegment   path segment under the parent, e.g. Notes, or null
 * @param parentField    field holding the parent's id, e.g. ticketID, or null
 */
public record EntitySchema(String name, String singular, List<FieldDef> fields, List<UdfDef> udfs, boolean canCreate,
                           boolean canUpdate, boolean canDelete, String parent, String childSegment, String parentField,
                           boolean supportsWebhookCallouts, Map<String, FieldDef> byLowerName,
                           Map<String, FieldDef> byExactName) {

    public EntitySchema {
        fields = List.copyOf(fields);
        udfs = List.copyOf(udfs);
        Map<String, FieldDef> index = new HashMap<>();
        fields.forEach(f -> index.put(f.name().toLowerCase(Locale.ROOT), f));
        byLowerName = Map.copyOf(index);
        Map<String, FieldDef> exact = new HashMap<>();
        fields.forEach(f -> exact.put(f.name(), f));
        byExactName = Map.copyOf(exact);
    }

    /** The field named case-insensitively, as Autotask binds names. */
    public Optional<FieldDef> field(String anyCase) {
        return Optional.ofNullable(byLowerName.get(anyCase.toLowerCase(Locale.ROOT)));
    }

    public FieldDef require(String exactName) {
        FieldDef f = byExactName.get(exactName);
        if (f != null) {
            return f;
        }
        return field(exactName).orElseThrow(() -> new IllegalArgumentException(name + " has no field " + exactName));
    }

    public Optional<UdfDef> udf(String anyCase) {
        return udfs.stream().filter(u -> u.name().equalsIgnoreCase(anyCase)).findFirst();
    }

    public boolean hasUdfs() {
        return !udfs.isEmpty();
    }

    public boolean isChild() {
        return parent != null;
    }
}
