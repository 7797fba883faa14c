package horizon.simulator.autotask.http;

import horizon.simulator.autotask.SecurityLevel;

/**
 * The API user behind a request.
 *
 * @param userName        the UserName header
 * @param integrationCode the ApiIntegrationCode header
 * @param resourceId      the API user's own resource
 * @param actingResourceId the resource that writes are attributed to: the impersonated one, else {@code resourceId}
 * @param level           the user's security level
 */
public record Caller(String userName, String integrationCode, long resourceId, long actingResourceId, SecurityLevel level) {
}
