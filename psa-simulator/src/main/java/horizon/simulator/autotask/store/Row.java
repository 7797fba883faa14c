package horizon.simulator.autotask.store;

import java.util.Arrays;
import java.util.Map;

/**
 * One stored record: values by {@link FieldDef#index()} and UDF values by name. Immutable, so queries read rows
 * without a lock while writers replace them.
 */
public final class Row {
    private final Object[] values;
    private final Map<String, String> udfs;

    public Row(Object[] values, Map<String, String> udfs) {
        this.values = values;
        this.udfs = udfs == null ? Map.of() : Map.copyOf(udfs);
    }

    public long id() {
        return (Long) values[0];
    }

    public Object get(int index) {
        return values[index];
    }

    public Object get(FieldDef field) {
        return values[field.index()];
    }

    /** A copy of the values for building a changed row. */
    public Object[] copyValues() {
        return Arrays.copyOf(values, values.length);
    }

    public Map<String, String> udfs() {
        return udfs;
    }
}
