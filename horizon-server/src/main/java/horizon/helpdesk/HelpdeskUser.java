package horizon.helpdesk;

import java.time.Instant;
import java.util.List;

/**
 * A helpdesk user: a PSA resource (technician) with the roles and queues it works in.
 *
 * @param externalId      the PSA's resource id
 * @param username        login name in the PSA
 * @param firstName       first name
 * @param lastName        last name
 * @param email           e-mail address, the key for mapping suggestions
 * @param active          whether the resource is active
 * @param licenseType     license type picklist code
 * @param userType        user type picklist code
 * @param roles           the resource's roles and their queues, in the order the PSA lists them
 * @param remoteUpdatedAt {@code null} for Autotask, whose resources carry no modification time
 * @param rawJson         the PSA's JSON of the resource as received (roles come from another endpoint)
 */
public record HelpdeskUser(
        long externalId,
        String username,
        String firstName,
        String lastName,
        String email,
        boolean active,
        String licenseType,
        String userType,
        List<Role> roles,
        Instant remoteUpdatedAt,
        String rawJson) implements HelpdeskRecord {

    public HelpdeskUser {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /**
     * One role a resource holds, optionally bound to a queue (Autotask {@code ResourceRoles}).
     *
     * @param roleId  the role's PSA id
     * @param queueId the queue the role is held in, {@code null} when not queue-bound
     * @param active  whether this role assignment is active
     */
    public record Role(long roleId, Long queueId, boolean active) {
    }
}
