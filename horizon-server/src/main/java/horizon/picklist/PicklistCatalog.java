package horizon.picklist;

import horizon.helpdesk.PicklistValue;
import java.time.Instant;
import java.util.List;

/**
 * The Picklist Database page's content: every mirrored picklist grouped by entity, dependent picklists nested under
 * their parent's values, narrowed by the filter.
 *
 * @param entities        the groups, in display order; empty when nothing is mirrored or nothing matches
 * @param fieldCount      picklist fields mirrored (before the filter)
 * @param valueCount      values mirrored (before the filter)
 * @param lastRefreshedAt the most recent refresh of any picklist, {@code null} when none is mirrored
 * @param filter          the filter applied, "" for none
 */
public record PicklistCatalog(List<EntityGroup> entities, int fieldCount, int valueCount, Instant lastRefreshedAt,
                              String filter) {

    public PicklistCatalog {
        entities = List.copyOf(entities);
    }

    public boolean empty() {
        return fieldCount == 0;
    }

    /**
     * The picklists of one PSA entity.
     *
     * @param entity the PSA's entity name, e.g. {@code Tickets}
     * @param label  what people call it
     * @param fields its picklist fields, in display order
     */
    public record EntityGroup(String entity, String label, List<Field> fields) {
        public EntityGroup {
            fields = List.copyOf(fields);
        }
    }

    /**
     * One picklist field with its values; a parent field also carries its dependent field's values, each row after
     * its parent's.
     *
     * @param entity            the PSA entity
     * @param field             the PSA field name
     * @param label             what people call it
     * @param refreshedAt       when this field was last refreshed
     * @param rows              the values to show
     * @param valueCount        how many values the field has (before the filter)
     * @param activeCount       how many of them are active
     * @param nestedField       the dependent field nested here, {@code null} if none
     * @param nestedLabel       its label
     * @param nestedRefreshedAt when it was last refreshed
     */
    public record Field(String entity, String field, String label, Instant refreshedAt, List<Row> rows,
                        int valueCount, int activeCount, String nestedField, String nestedLabel,
                        Instant nestedRefreshedAt) {
        public Field {
            rows = List.copyOf(rows);
        }

        /** An id for the page's HTML, e.g. {@code picklist-Tickets-status}. */
        public String htmlId() {
            return "picklist-" + entity + "-" + field;
        }
    }

    /**
     * One value on the page.
     *
     * @param value  the mirrored value
     * @param nested whether it is a dependent value shown under its parent (a sub-issue type)
     * @param orphan for a nested value, whether its parent is missing from the parent field
     */
    public record Row(PicklistValue value, boolean nested, boolean orphan) {
    }
}
