package horizon.mirror;

import horizon.helpdesk.PicklistValue;
import java.time.Instant;
import java.util.List;

/**
 * One mirrored picklist: all values of one field, in the PSA's order, and when it was last refreshed.
 *
 * @param entity      the PSA entity, e.g. {@code Tickets}
 * @param field       the field, e.g. {@code status}
 * @param values      every value, inactive ones included
 * @param refreshedAt the last refresh of this field
 */
public record PicklistField(String entity, String field, List<PicklistValue> values, Instant refreshedAt) {

    public PicklistField {
        values = List.copyOf(values);
    }
}
