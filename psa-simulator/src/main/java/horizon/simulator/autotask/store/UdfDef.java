package horizon.simulator.autotask.store;

import java.util.List;

/**
 * A user-defined field of an entity.
 *
 * @param picklistLabels labels of a picklist UDF (the values are their codes as strings), empty for free text
 */
public record UdfDef(String name, String label, DataType dataType, String description, List<String> picklistLabels) {
}
