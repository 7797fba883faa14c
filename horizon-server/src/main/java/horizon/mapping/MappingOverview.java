package horizon.mapping;

import horizon.account.HorizonUser;
import java.util.List;

/**
 * Everything the Helpdesk User Mapping page shows for one account.
 *
 * @param activeUsers          every active helpdesk user in the mirror with its mapping or suggestion
 * @param otherMappings        mappings whose helpdesk user is inactive or no longer in the PSA
 * @param unmappedHorizonUsers Horizon users not bound to any helpdesk user, the choices for a new binding
 */
public record MappingOverview(List<MappedHelpdeskUser> activeUsers, List<OtherMapping> otherMappings,
                              List<HorizonUser> unmappedHorizonUsers) {

    public MappingOverview {
        activeUsers = List.copyOf(activeUsers);
        otherMappings = List.copyOf(otherMappings);
        unmappedHorizonUsers = List.copyOf(unmappedHorizonUsers);
    }

    /** Active helpdesk users without a Horizon user: the number the admin works down to zero. */
    public long unmappedCount() {
        return activeUsers.stream().filter(u -> !u.mapped()).count();
    }

    /** Active helpdesk users with a suggestion waiting to be accepted. */
    public long suggestionCount() {
        return activeUsers.stream().filter(u -> u.suggestion() != null).count();
    }

    /**
     * A mapping kept for a helpdesk user that is not active now, so reporting on its old tickets stays attributed.
     *
     * @param helpdeskUserExternalId the PSA's resource id
     * @param helpdeskUserName       its name, {@code null} when the PSA no longer has the resource
     * @param horizonUser            the bound Horizon user
     */
    public record OtherMapping(long helpdeskUserExternalId, String helpdeskUserName, HorizonUser horizonUser) {
    }
}
