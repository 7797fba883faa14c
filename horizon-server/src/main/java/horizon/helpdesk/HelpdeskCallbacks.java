package horizon.helpdesk;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A PSA's real-time change notices, as the neutral callback pipeline ({@code horizon.callback}) uses them: keeping
 * Horizon's webhooks registered in the PSA, and checking and reading what the PSA calls back with. Every PSA request
 * passes the adapter's rate gate; failures are {@link HelpdeskException}s with the adapter's precise title.
 */
public interface HelpdeskCallbacks {

    /** The segment naming this PSA in Horizon's hook URLs: {@code /hooks/{pathSegment}/{accountKey}}. */
    String pathSegment();

    /** The entities whose changes the PSA announces once Horizon's webhooks are registered. */
    Set<HelpdeskEntity> announced();

    /**
     * Makes the PSA's webhooks for Horizon what they must be and returns them: creates what is missing, switches on
     * and repairs what is inactive or incomplete, adopts a matching one the PSA already holds instead of making a
     * duplicate. Running it again changes nothing that is already right.
     *
     * @param target where the PSA must call
     * @param known  Horizon's webhooks as last stored (empty on the first registration)
     * @return every webhook Horizon now has in the PSA, each with its secret where the PSA signs with one Horizon chose
     */
    List<RegisteredHook> register(HelpdeskCredentials credentials, HookTarget target, List<RegisteredHook> known);

    /** Deletes Horizon's webhooks from the PSA; ones already gone are no error. */
    void unregister(HelpdeskCredentials credentials, List<RegisteredHook> known);

    /** Horizon's webhooks as the PSA reports them now, in {@code known}'s order; a missing one says so. */
    List<HookState> inspect(HelpdeskCredentials credentials, List<RegisteredHook> known);

    /**
     * Deliveries to Horizon's webhooks the PSA gave up on since {@code since}, as the PSA logs them (newest first);
     * empty when the PSA keeps no such log.
     */
    List<DeliveryFailure> deliveryFailures(HelpdeskCredentials credentials, List<RegisteredHook> known,
                                           Instant since);

    /**
     * Checks one inbound call and reads what it announces. Never writes anything; the only request it may make is
     * fetching a signing key the PSA names, and then only from the account's own PSA host, with a deadline and a size
     * cap.
     */
    InboundVerdict receive(InboundCall call, HookContext context);
}
