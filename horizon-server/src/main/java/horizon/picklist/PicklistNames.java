package horizon.picklist;

import horizon.helpdesk.PicklistDefinition;
import java.util.Optional;

import java.util.List;
import java.util.Locale;

/**
 * What people call the picklists of the account's PSA, in the order the page shows them, from the adapter's
 * {@link PicklistDefinition}s. Entities and fields stay the PSA's own names; anything the adapter does not describe is
 * still shown, after the described ones, named from its camelCase.
 */
final class PicklistNames {

    /** A dependent picklist shown nested under its parent's values (sub-issue types under issue types). */
    record Dependency(String entity, String childField, String parentField) {
    }

    private final List<PicklistDefinition> definitions;
    private final List<String> entityOrder;

    private PicklistNames(List<PicklistDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        this.entityOrder = definitions.stream().map(PicklistDefinition::entity).distinct().toList();
    }

    static PicklistNames of(List<PicklistDefinition> definitions) {
        return new PicklistNames(definitions);
    }

    List<Dependency> dependencies() {
        return definitions.stream().filter(d -> d.parentField() != null)
                .map(d -> new Dependency(d.entity(), d.field(), d.parentField())).toList();
    }

    String entityLabel(String entity) {
        return definitions.stream().filter(d -> d.entity().equals(entity)).map(PicklistDefinition::entityLabel)
                .findFirst().orElseGet(() -> humanize(entity));
    }

    String fieldLabel(String entity, String field) {
        return find(entity, field).map(PicklistDefinition::label).orElseGet(() -> humanize(field));
    }

    /** The neutral role of a field, {@code OTHER} when the adapter does not describe it. */
    PicklistDefinition.Role role(String entity, String field) {
        return find(entity, field).map(PicklistDefinition::role).orElse(PicklistDefinition.Role.OTHER);
    }

    int entityRank(String entity) {
        int rank = entityOrder.indexOf(entity);
        return rank < 0 ? entityOrder.size() : rank;
    }

    int fieldRank(String entity, String field) {
        for (int i = 0; i < definitions.size(); i++) {
            if (definitions.get(i).entity().equals(entity) && definitions.get(i).field().equals(field)) {
                return i;
            }
        }
        return definitions.size();
    }

    private Optional<PicklistDefinition> find(String entity, String field) {
        return definitions.stream().filter(d -> d.entity().equals(entity) && d.field().equals(field)).findFirst();
    }

    /** {@code queueID} → "Queue ID", {@code TicketNotes} → "Ticket notes". */
    static String humanize(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
        String[] words = spaced.split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
            if (i > 0) {
                text.append(' ');
                text.append(acronym ? word : word.toLowerCase(Locale.ROOT));
            } else {
                text.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return text.toString();
    }
}
