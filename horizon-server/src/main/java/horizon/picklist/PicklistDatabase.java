package horizon.picklist;

import horizon.helpdesk.PicklistValue;
import horizon.mirror.MirrorQueries;
import horizon.mirror.PicklistField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Reads the account's mirrored picklists and arranges them as the Picklist Database page shows them. */
@Service
public class PicklistDatabase {

    private final MirrorQueries mirror;
    private final PicklistVocabulary vocabulary;

    PicklistDatabase(MirrorQueries mirror, PicklistVocabulary vocabulary) {
        this.mirror = mirror;
        this.vocabulary = vocabulary;
    }

    /**
     * Every mirrored picklist of the account, grouped and ordered for display, narrowed to what matches the filter
     * (case-insensitive, in entity, field, value or label; a matching field or parent keeps all its values).
     */
    public PicklistCatalog catalog(long accountId, String filter) {
        List<PicklistField> fields = mirror.picklists(accountId);
        PicklistNames names = vocabulary.names(accountId);
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        Map<String, Map<String, PicklistField>> byEntity = new LinkedHashMap<>();
        int values = 0;
        Instant last = null;
        for (PicklistField field : fields) {
            byEntity.computeIfAbsent(field.entity(), e -> new LinkedHashMap<>()).put(field.field(), field);
            values += field.values().size();
            if (field.refreshedAt() != null && (last == null || field.refreshedAt().isAfter(last))) {
                last = field.refreshedAt();
            }
        }
        List<PicklistCatalog.EntityGroup> groups = new ArrayList<>();
        byEntity.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Map<String, PicklistField>>>comparingInt(
                                e -> names.entityRank(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    List<PicklistCatalog.Field> shown = entityFields(names, e.getKey(), e.getValue(), needle);
                    if (!shown.isEmpty()) {
                        groups.add(new PicklistCatalog.EntityGroup(e.getKey(), names.entityLabel(e.getKey()),
                                shown));
                    }
                });
        return new PicklistCatalog(groups, fields.size(), values, last, filter == null ? "" : filter.strip());
    }

    private static List<PicklistCatalog.Field> entityFields(PicklistNames names, String entity, Map<String, PicklistField> fields,
                                                            String needle) {
        Set<String> nestedChildren = new HashSet<>();
        Map<String, PicklistNames.Dependency> childOf = new LinkedHashMap<>();
        for (PicklistNames.Dependency dependency : names.dependencies()) {
            // One dependent list nests under its parent's values (the first the PSA names, e.g. a board's statuses);
            // the parent's other dependents (a board's types, items, teams) are shown as lists of their own.
            if (dependency.entity().equals(entity) && fields.containsKey(dependency.parentField())
                    && fields.containsKey(dependency.childField()) && !childOf.containsKey(dependency.parentField())) {
                nestedChildren.add(dependency.childField());
                childOf.put(dependency.parentField(), dependency);
            }
        }
        boolean entityMatches = matches(needle, entity, names.entityLabel(entity));
        List<PicklistCatalog.Field> result = new ArrayList<>();
        fields.values().stream()
                .filter(f -> !nestedChildren.contains(f.field()))
                .sorted(Comparator.comparingInt((PicklistField f) -> names.fieldRank(f.entity(), f.field()))
                        .thenComparing(PicklistField::field))
                .forEach(field -> {
                    PicklistNames.Dependency dependency = childOf.get(field.field());
                    PicklistField child = dependency == null ? null : fields.get(dependency.childField());
                    PicklistCatalog.Field shown = field(names, field, child, needle, entityMatches);
                    if (shown != null) {
                        result.add(shown);
                    }
                });
        return result;
    }

    /** The field as shown, or {@code null} when the filter leaves nothing of it. */
    private static PicklistCatalog.Field field(PicklistNames names, PicklistField field, PicklistField child, String needle,
                                               boolean entityMatches) {
        String label = names.fieldLabel(field.entity(), field.field());
        String childLabel = child == null ? null : names.fieldLabel(child.entity(), child.field());
        boolean fieldMatches = entityMatches || matches(needle, field.field(), label);
        boolean childFieldMatches = child != null && matches(needle, child.field(), childLabel);
        List<PicklistCatalog.Row> rows = new ArrayList<>();
        Set<String> parents = new HashSet<>();
        for (PicklistValue parent : field.values()) {
            parents.add(parent.value());
            List<PicklistValue> subs = child == null ? List.of() : child.values().stream()
                    .filter(v -> Objects.equals(parentOf(v), parent.value())).toList();
            boolean parentMatches = fieldMatches || valueMatches(needle, parent);
            List<PicklistValue> shownSubs = subs.stream()
                    .filter(v -> parentMatches || childFieldMatches || valueMatches(needle, v)).toList();
            if (parentMatches || !shownSubs.isEmpty()) {
                rows.add(new PicklistCatalog.Row(parent, false, false));
                shownSubs.forEach(v -> rows.add(new PicklistCatalog.Row(v, true, false)));
            }
        }
        if (child != null) {
            // Sub-values whose parent the PSA no longer lists stay visible rather than silently disappearing.
            child.values().stream()
                    .filter(v -> !parents.contains(parentOf(v)))
                    .filter(v -> fieldMatches || childFieldMatches || valueMatches(needle, v))
                    .forEach(v -> rows.add(new PicklistCatalog.Row(v, true, true)));
        }
        if (rows.isEmpty()) {
            return null;
        }
        List<PicklistValue> all = new ArrayList<>(field.values());
        if (child != null) {
            all.addAll(child.values());
        }
        int active = (int) all.stream().filter(PicklistValue::active).count();
        return new PicklistCatalog.Field(field.entity(), field.field(), label, field.refreshedAt(), rows, all.size(),
                active, child == null ? null : child.field(), childLabel, child == null ? null : child.refreshedAt());
    }

    private static String parentOf(PicklistValue value) {
        return value.parentValue() == null || value.parentValue().isBlank() ? null : value.parentValue();
    }

    private static boolean valueMatches(String needle, PicklistValue value) {
        return matches(needle, value.value(), value.label());
    }

    private static boolean matches(String needle, String... texts) {
        if (needle.isEmpty()) {
            return true;
        }
        for (String text : texts) {
            if (text != null && text.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
