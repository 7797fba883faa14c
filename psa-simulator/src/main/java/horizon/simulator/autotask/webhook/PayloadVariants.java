package horizon.simulator.autotask.webhook;

/**
 * Switches for the callout details no capture of Autotask has settled, so a client can be tested against each:
 * <ul>
 *     <li>{@code personIdKey}: {@code PersonID} (default) or {@code PersonId}, both spellings appear in Autotask's
 *     samples</li>
 *     <li>{@code camelCaseFieldKeys}: keys inside {@code Fields} as {@code status} instead of {@code Status}</li>
 *     <li>{@code deleteWithoutFields}: a Delete callout with no {@code Fields} key at all instead of {@code {}}</li>
 *     <li>{@code deactivationOnWebhookUrl}: the Deactivated notice goes to the webhook's own URL instead of its
 *     DeactivationUrl</li>
 * </ul>
 */
public final class PayloadVariants {
    private volatile String personIdKey = "PersonID";
    private volatile boolean camelCaseFieldKeys;
    private volatile boolean deleteWithoutFields;
    private volatile boolean deactivationOnWebhookUrl;

    public String personIdKey() {
        return personIdKey;
    }

    public PayloadVariants personIdKey(String key) {
        if (!key.equals("PersonID") && !key.equals("PersonId")) {
            throw new IllegalArgumentException("personIdKey is PersonID or PersonId, was " + key);
        }
        this.personIdKey = key;
        return this;
    }

    public boolean camelCaseFieldKeys() {
        return camelCaseFieldKeys;
    }

    public PayloadVariants camelCaseFieldKeys(boolean on) {
        this.camelCaseFieldKeys = on;
        return this;
    }

    public boolean deleteWithoutFields() {
        return deleteWithoutFields;
    }

    public PayloadVariants deleteWithoutFields(boolean on) {
        this.deleteWithoutFields = on;
        return this;
    }

    public boolean deactivationOnWebhookUrl() {
        return deactivationOnWebhookUrl;
    }

    public PayloadVariants deactivationOnWebhookUrl(boolean on) {
        this.deactivationOnWebhookUrl = on;
        return this;
    }

    /** Back to the simulator's defaults. */
    public PayloadVariants reset() {
        personIdKey = "PersonID";
        camelCaseFieldKeys = false;
        deleteWithoutFields = false;
        deactivationOnWebhookUrl = false;
        return this;
    }

    /** A Fields key as the switch writes it. */
    String fieldKey(String payloadName) {
        return camelCaseFieldKeys && !payloadName.isEmpty()
                ? Character.toLowerCase(payloadName.charAt(0)) + payloadName.substring(1) : payloadName;
    }
}
