package horizon.helpdesk;

import java.util.List;
import java.util.Optional;

/**
 * What an adapter may check an inbound call against: the account's credentials (ConnectWise: its site and company,
 * the only host a signing key is fetched from) and Horizon's webhooks in that account's PSA, with their secrets.
 */
public record HookContext(HelpdeskCredentials credentials, List<RegisteredHook> hooks) {

    public HookContext {
        hooks = List.copyOf(hooks);
    }

    /** The account's webhook the PSA names by this reference (Autotask's GUID), compared exactly. */
    public Optional<RegisteredHook> hookByReference(String reference) {
        return hooks.stream().filter(h -> h.reference() != null && h.reference().equals(reference)).findFirst();
    }
}
