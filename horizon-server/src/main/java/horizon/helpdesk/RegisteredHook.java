package horizon.helpdesk;

/**
 * One webhook Horizon holds in a PSA, as the callback pipeline stores it.
 *
 * @param name       the adapter's stable name for it, e.g. {@code Tickets} or {@code Ticket notes}; one per name
 * @param externalId the PSA's id of the webhook
 * @param reference  what the PSA's calls name it by (Autotask's webhook GUID); null when calls do not name it
 * @param secret     the secret it is signed with when Horizon chose it (sealed at rest by the pipeline); null otherwise
 */
public record RegisteredHook(String name, String externalId, String reference, String secret) {

    @Override
    public String toString() {
        return "RegisteredHook[name=" + name + ", externalId=" + externalId + ", reference=" + reference + "]";
    }
}
