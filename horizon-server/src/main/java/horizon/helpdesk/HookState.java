package horizon.helpdesk;

import java.util.List;

/**
 * One of Horizon's webhooks as the PSA reports it.
 *
 * @param name              {@link RegisteredHook#name()}
 * @param externalId        the PSA's id
 * @param present           whether the PSA still has it
 * @param active            whether the PSA calls it
 * @param ready             whether it is complete enough to call (Autotask: at least one field); true where the PSA
 *                          has no such notion
 * @param url               where it calls
 * @param subscribedFields  the fields whose change triggers it, or the level it covers (ConnectWise: {@code owner})
 * @param excludedResources whose changes it leaves out (Horizon's own API user), or {@code self-suppressed}
 */
public record HookState(String name, String externalId, boolean present, boolean active, boolean ready, String url,
                        List<String> subscribedFields, List<String> excludedResources) {

    public HookState {
        subscribedFields = subscribedFields == null ? List.of() : List.copyOf(subscribedFields);
        excludedResources = excludedResources == null ? List.of() : List.copyOf(excludedResources);
    }

    public static HookState missing(RegisteredHook hook) {
        return new HookState(hook.name(), hook.externalId(), false, false, false, null, List.of(), List.of());
    }

    /** Whether the PSA calls it as it should. */
    public boolean healthy() {
        return present && active && ready;
    }
}
