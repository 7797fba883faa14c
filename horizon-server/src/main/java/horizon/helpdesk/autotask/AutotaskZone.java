package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskZone;
import java.net.URI;

/**
 * An Autotask zone as zoneInformation reports it.
 *
 * @param name   e.g. "America East 2"
 * @param apiUrl the REST base with trailing slash, reused exactly as returned (its casing matters to some hosts)
 * @param webUrl the web UI base
 * @param ci     the tenant database's id
 */
record AutotaskZone(String name, String apiUrl, String webUrl, long ci) {

    URI endpoint(String path) {
        return URI.create(apiUrl + "V1.0/" + path);
    }

    /** True when a URL points at this zone's API host, the only host Horizon follows links to. */
    boolean ownsHostOf(URI uri) {
        URI base = URI.create(apiUrl);
        return uri.isAbsolute()
                && base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && effectivePort(base) == effectivePort(uri);
    }

    /** The database zoneInformation named; unknown (null) when it gave no {@code ci}. */
    horizon.helpdesk.HelpdeskDatabase database() {
        return ci <= 0 ? null : new horizon.helpdesk.HelpdeskDatabase("autotask:ci:" + ci,
                "Autotask database " + ci + " (" + name + ")");
    }

    HelpdeskZone toHelpdeskZone() {
        return new HelpdeskZone(name, apiUrl, webUrl);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
