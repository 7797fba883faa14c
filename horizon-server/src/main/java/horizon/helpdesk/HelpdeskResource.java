package horizon.helpdesk;

/**
 * A PSA resource (user) record, as far as Horizon needs to name it.
 *
 * @param id   the PSA's id of the resource
 * @param name the display name, e.g. "Rocketship API"
 */
public record HelpdeskResource(long id, String name) {
}
