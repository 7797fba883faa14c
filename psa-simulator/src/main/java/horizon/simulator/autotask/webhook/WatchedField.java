package horizon.simulator.autotask.webhook;

/**
 * A field of a watched entity that webhooks can subscribe to.
 *
 * @param fieldId Autotask's internal FieldID, the value of the {@code fieldID} picklist
 * @param name    the REST field name (camelCase), the picklist label and the key looked up in the record
 */
record WatchedField(long fieldId, String name) {

    /** The key in a payload's Fields: Autotask's C# property name, i.e. the REST name with a capital first letter. */
    String payloadName() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
