package horizon.simulator.autotask.store;

/**
 * Who makes a change.
 *
 * @param personId       the resource the change is attributed to (creatorResourceID, PersonID of webhooks)
 * @param impersonatorId the API user's resource when it impersonates {@code personId}, else null
 */
public record Actor(long personId, Long impersonatorId) {

    public static Actor person(long resourceId) {
        return new Actor(resourceId, null);
    }
}
