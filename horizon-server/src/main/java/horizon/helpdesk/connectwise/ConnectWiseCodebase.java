package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskZone;
import java.net.URI;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a company's REST API lives on its site, as {@code login/companyinfo/{companyId}} reported it.
 *
 * @param site        the site asked
 * @param companyName the company's name on the site
 * @param codebase    the path the API lives under, with trailing slash: {@code v4_6_release/} on premise, a
 *                    versioned one such as {@code v2025_1/} in the cloud
 * @param versionCode the site's version, e.g. {@code v2025.1}
 */
record ConnectWiseCodebase(ConnectWiseSite site, String companyName, String codebase, String versionCode) {

    /** The REST base, {@code {site}{codebase}apis/3.0/}. */
    URI apiUrl() {
        return site.base().resolve(codebase + "apis/3.0/");
    }

    /** A path under the REST base with its query parameters, each encoded. */
    URI endpoint(String path, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(name + "=" + ConnectWiseConditions.encode(value)));
        return URI.create(apiUrl() + path + (parameters.isEmpty() ? "" : "?" + query));
    }

    HelpdeskZone toHelpdeskZone() {
        String version = codebase.endsWith("/") ? codebase.substring(0, codebase.length() - 1) : codebase;
        return new HelpdeskZone("ConnectWise " + version + " at " + site.name(), apiUrl().toString(),
                site.base().toString());
    }
}
