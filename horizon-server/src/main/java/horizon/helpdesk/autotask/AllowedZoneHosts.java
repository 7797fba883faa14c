package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which API URLs Horizon takes from zone discovery ({@code horizon.autotask.allowed-zone-hosts}). Horizon sends the
 * API user's secret to whatever URL discovery answers, so it must be https on a host the operator allows: by default
 * any host under {@code autotask.net} ({@code webservices15.autotask.net}). An entry is a host or {@code *.domain};
 * written {@code http://host} it lets that host answer over plain http too (the simulator on 127.0.0.1).
 */
final class AllowedZoneHosts {

    static final String PROPERTY = "horizon.autotask.allowed-zone-hosts";
    static final List<String> DEFAULT = List.of("*.autotask.net");

    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+]");

    /** One entry: a host, or every host under a domain; plain http allowed or not. */
    private record Entry(String host, boolean underDomain, boolean plainHttp) {

        boolean matches(String candidate) {
            return underDomain ? candidate.endsWith("." + host) : candidate.equals(host);
        }

        @Override
        public String toString() {
            return (plainHttp ? "http://" : "") + (underDomain ? "*." : "") + host;
        }
    }

    private final List<Entry> entries;

    private AllowedZoneHosts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The configured entries.
     *
     * @throws IllegalArgumentException naming the property when an entry is not a host, {@code *.domain} or
     *                                  {@code http://} one of them
     */
    static AllowedZoneHosts of(List<String> configured) {
        List<Entry> entries = configured.stream().map(String::strip).filter(text -> !text.isEmpty())
                .map(AllowedZoneHosts::entry).toList();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names no host: Horizon could use no Autotask zone");
        }
        return new AllowedZoneHosts(entries);
    }

    private static Entry entry(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean plainHttp = lower.startsWith("http://");
        String host = plainHttp ? lower.substring("http://".length())
                : lower.startsWith("https://") ? lower.substring("https://".length()) : lower;
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(PROPERTY + " takes hosts such as *.autotask.net, "
                    + "webservices15.autotask.net or http://127.0.0.1 (no port or path), not: " + text);
        }
        boolean underDomain = host.startsWith("*.");
        return new Entry(underDomain ? host.substring(2) : host, underDomain, plainHttp);
    }

    /** The failure of a refused zone: permanent (VALIDATION), titled "Zone refused", naming the URL and why. */
    HelpdeskException refused(String apiUrl, String reason) {
        return HelpdeskException.local(Kind.VALIDATION, "Autotask's zone discovery answered the API URL " + apiUrl
                + ", and Horizon does not send the API user's credentials there: " + reason + ". Check "
                + "horizon.autotask.discovery-url; if this is a genuine Autotask zone, add its host to " + PROPERTY
                + " (now " + this + ").", null).titled("Zone refused");
    }

    /** Why the URL is refused; empty when Horizon may use it. */
    Optional<String> refusal(String apiUrl) {
        URI uri;
        try {
            uri = new URI(apiUrl);
        } catch (URISyntaxException malformed) {
            return Optional.of("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("it is not an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("it names no plain host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        List<Entry> forHost = entries.stream().filter(entry -> entry.matches(host)).toList();
        if (forHost.isEmpty()) {
            return Optional.of("its host " + host + " is not one of the allowed zone hosts");
        }
        if (scheme.equals("http") && forHost.stream().noneMatch(Entry::plainHttp)) {
            return Optional.of("it is plain http, not https");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return String.join(",", entries.stream().map(Entry::toString).toList());
    }
}
