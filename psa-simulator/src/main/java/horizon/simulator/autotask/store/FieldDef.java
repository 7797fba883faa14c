package horizon.simulator.autotask.store;

/**
 * One field of an entity as {@code entityInformation/fields} describes it.
 *
 * @param index      position of the value in a {@link Row}
 * @param name       camelCase wire name
 * @param reference  singular entity name a foreign key points at, or null
 */
public record FieldDef(int index, String name, DataType dataType, int length, boolean readOnly, boolean required,
                       boolean picklist, String reference, boolean webhookField) {
}
