package horizon.helpdesk.connectwise;

import horizon.helpdesk.CredentialField;
import horizon.helpdesk.CredentialField.Choice;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ConnectWise site an admin chose: one of the cloud API hosts, or an on-premise host checked before any call
 * (https only, a bare host or an https URL with nothing after the host; plain http only on loopback when tests allow
 * it).
 *
 * @param base the site's root with a trailing slash, e.g. {@code https://api-na.myconnectwise.net/}
 */
record ConnectWiseSite(URI base) {

    /** The site field's value that asks for the host field. */
    static final String ON_PREMISE = "onpremise";

    static final List<Choice> CHOICES = List.of(
            new Choice("api-na.myconnectwise.net", "North America"),
            new Choice("api-eu.myconnectwise.net", "Europe"),
            new Choice("api-au.myconnectwise.net", "Australia"),
            new Choice("api-staging.connectwisedev.com", "Staging"),
            new Choice(ON_PREMISE, "On-premise (your own host)"));

    private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\\d{1,5})?");
    /** The web names of cloud sites: their API answers only under the {@code api-} name. */
    private static final Pattern CLOUD_WEB_HOST = Pattern.compile(
            "(na|eu|au|aus|za|staging|sandbox-na|sandbox-eu|sandbox-au)\\.(myconnectwise\\.net|connectwisedev\\.com)");

    /** The host and port as people write it, e.g. {@code api-na.myconnectwise.net} or {@code cw.example.com:8443}. */
    String name() {
        return base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }

    /** {@code login/companyinfo/{companyId}}, which needs no authentication. */
    URI companyInfo(String companyId) {
        return base.resolve("login/companyinfo/" + URLEncoder.encode(companyId, StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }

    /**
     * Whether a callback's signing key URL is on this site, the only place Horizon fetches one from (the URL comes in
     * the payload, so anyone can write one): https, or http on loopback when tests allow it; no user info; this
     * site's host and port exactly. A cloud site's web name counts as well ({@code na.myconnectwise.net} for
     * {@code api-na.myconnectwise.net}): ConnectWise's payloads name their key URL on it.
     */
    boolean hostsSigningKey(URI url, boolean allowInsecureLoopback) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https");
        if (!secure && !(scheme.equals("http") && allowInsecureLoopback && loopback(host))) {
            return false;
        }
        if (host.isEmpty() || url.getRawUserInfo() != null || port(url) != port(base)) {
            return false;
        }
        String own = base.getHost().toLowerCase(Locale.ROOT);
        boolean cloud = CHOICES.stream().anyMatch(c -> c.value().equals(own));
        return host.equals(own) || cloud && own.startsWith("api-") && host.equals(own.substring("api-".length()));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /**
     * The site the credentials name.
     *
     * @throws HelpdeskException INVALID_CREDENTIALS when the site or host is not usable as entered
     */
    static ConnectWiseSite of(HelpdeskCredentials credentials, boolean allowInsecureLoopback) {
        List<CredentialField.Problem> problems = new ArrayList<>();
        Optional<ConnectWiseSite> site = parse(credentials, allowInsecureLoopback, problems);
        if (site.isEmpty()) {
            throw HelpdeskException.invalidFields(problems);
        }
        return site.get();
    }

    /** What is wrong with the site and host fields as entered; empty when they name a usable site. */
    static List<CredentialField.Problem> problems(HelpdeskCredentials credentials, boolean allowInsecureLoopback) {
        List<CredentialField.Problem> problems = new ArrayList<>();
        parse(credentials, allowInsecureLoopback, problems);
        return problems;
    }

    private static Optional<ConnectWiseSite> parse(HelpdeskCredentials credentials, boolean allowInsecureLoopback,
                                                   List<CredentialField.Problem> problems) {
        String site = credentials.value(ConnectWiseApi.SITE).toLowerCase(Locale.ROOT);
        if (site.isEmpty()) {
            problems.add(siteProblem("Site is empty"));
            return Optional.empty();
        }
        if (!site.equals(ON_PREMISE)) {
            if (CHOICES.stream().noneMatch(c -> c.value().equals(site))) {
                problems.add(siteProblem("Choose your ConnectWise site from the list"));
                return Optional.empty();
            }
            return Optional.of(new ConnectWiseSite(URI.create("https://" + site + "/")));
        }
        String host = credentials.value(ConnectWiseApi.HOST);
        if (host.isEmpty()) {
            problems.add(hostProblem("On-premise host is empty"));
            return Optional.empty();
        }
        Optional<URI> base = host.contains("://") ? fromUrl(host, allowInsecureLoopback, problems)
                : fromHost(host, problems);
        base.ifPresent(uri -> {
            if (CLOUD_WEB_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()) {
                problems.add(hostProblem(uri.getHost() + " is a ConnectWise cloud site: choose it from the Site list "
                        + "(its API answers only at api-" + uri.getHost() + ")"));
            }
        });
        return problems.isEmpty() ? base.map(ConnectWiseSite::new) : Optional.empty();
    }

    private static Optional<URI> fromHost(String host, List<CredentialField.Problem> problems) {
        if (!HOST_AND_PORT.matcher(host).matches()) {
            problems.add(hostProblem("Enter only the host name, optionally with a port, e.g. cw.example.com or "
                    + "cw.example.com:8443 (no path, spaces or other characters)"));
            return Optional.empty();
        }
        return checkedPort(URI.create("https://" + host.toLowerCase(Locale.ROOT) + "/"), problems);
    }

    private static Optional<URI> fromUrl(String text, boolean allowInsecureLoopback,
                                         List<CredentialField.Problem> problems) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            problems.add(hostProblem("This is not a valid address; enter the host name, e.g. cw.example.com"));
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            problems.add(hostProblem("Enter the host name, e.g. cw.example.com, without a user name or password"));
            return Optional.empty();
        }
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!noPath || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(hostProblem("Enter only the host, without a path such as /v4_6_release: Horizon finds the "
                    + "API path itself"));
            return Optional.empty();
        }
        boolean insecureAllowed = scheme.equals("http") && allowInsecureLoopback && loopback(uri.getHost());
        if (!scheme.equals("https") && !insecureAllowed) {
            problems.add(hostProblem("ConnectWise must be reached over https; enter https://"
                    + uri.getHost() + " or just the host name"));
            return Optional.empty();
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return checkedPort(URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + "/"), problems);
    }

    private static Optional<URI> checkedPort(URI uri, List<CredentialField.Problem> problems) {
        if (uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65_535) {
            problems.add(hostProblem("The port must be a number from 1 to 65535"));
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static boolean loopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.startsWith("127.") || lower.equals("[::1]");
    }

    private static CredentialField.Problem siteProblem(String message) {
        return new CredentialField.Problem(ConnectWiseApi.SITE, "Site", message);
    }

    private static CredentialField.Problem hostProblem(String message) {
        return new CredentialField.Problem(ConnectWiseApi.HOST, "On-premise host", message);
    }
}
