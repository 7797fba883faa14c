package horizon.simulator.autotask;

/**
 * One simulated zone host.
 *
 * @param name   host name the zone stands for, e.g. webservices14
 * @param apiUrl API base with trailing slash, e.g. http://127.0.0.1:41234/ATServicesRest/
 * @param webUrl the zone's UI host as zoneInformation reports it: the same loopback port, root path
 * @param port   the port the zone listens on
 */
public record Zone(String name, String apiUrl, String webUrl, int port) {
}
