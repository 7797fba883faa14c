package horizon.simulator.autotask;

/**
 * Credentials of a simulated API-only user, as an MSP admin would copy them out of Autotask.
 *
 * @param userName        the generated key, sent as the UserName header and to zoneInformation
 * @param secret          the generated secret
 * @param integrationCode the API tracking identifier accepted for this database
 * @param zoneName        the host name of the zone the user's database lives in, e.g. webservices14
 * @param zoneApiUrl      the zone's API base with trailing slash, e.g. http://127.0.0.1:41234/ATServicesRest/
 * @param resourceId      the Resources row of this API user
 */
public record ApiUser(String userName, String secret, String integrationCode, String zoneName, String zoneApiUrl,
                      long resourceId) {
}
