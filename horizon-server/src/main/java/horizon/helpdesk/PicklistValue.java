package horizon.helpdesk;

/**
 * One value of a PSA picklist (ticket status, priority, queue, note type…), keyed by entity, field and value.
 *
 * @param entity       the PSA entity the field belongs to, e.g. {@code Tickets}
 * @param field        the field, e.g. {@code status}
 * @param value        the code stored on records, always a string (Autotask sends {@code "5"})
 * @param label        what people read, e.g. "Complete"
 * @param active       inactive values stay so that old records still map to a label
 * @param defaultValue whether the PSA preselects this value
 * @param sortOrder    the PSA's display order
 * @param parentValue  for dependent picklists (sub-issue type under issue type) the parent's value, else {@code null}
 */
public record PicklistValue(
        String entity,
        String field,
        String value,
        String label,
        boolean active,
        boolean defaultValue,
        int sortOrder,
        String parentValue) {
}
