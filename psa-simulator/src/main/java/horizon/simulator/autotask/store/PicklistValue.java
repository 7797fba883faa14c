package horizon.simulator.autotask.store;

/** One value of a picklist; {@code value} is a string on the wire although the entity field holds an integer. */
public record PicklistValue(String value, String label, boolean isActive, boolean isDefaultValue, int sortOrder,
                            String parentValue, boolean isSystem) {

    public long code() {
        return Long.parseLong(value);
    }
}
