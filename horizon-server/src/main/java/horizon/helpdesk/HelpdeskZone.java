package horizon.helpdesk;

/**
 * Where a PSA tenant's API and web UI live, as the PSA itself reported it.
 *
 * @param name   the PSA's own name for the zone, e.g. "America East 2"
 * @param apiUrl the API base URL, exactly as the PSA returned it
 * @param webUrl the web UI base URL
 */
public record HelpdeskZone(String name, String apiUrl, String webUrl) {
}
