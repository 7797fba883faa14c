package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.simulator.connectwise.ApiMember;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import java.util.LinkedHashMap;
import java.util.Map;

/** ConnectWise credentials as the connector's fields name them, for tests in any package. */
public final class ConnectWiseCredentials {

    private ConnectWiseCredentials() {
    }

    /**
     * The simulator's API member on its site: On-premise, the host {@code http://127.0.0.1:PORT} (which needs
     * {@code horizon.connectwise.allow-insecure-loopback=true}), and the member's company id and keys.
     */
    public static HelpdeskCredentials of(ConnectWiseSimulator simulator) {
        ApiMember member = simulator.apiMember();
        String site = simulator.siteUrl();
        return of(ConnectWiseSite.ON_PREMISE, site.endsWith("/") ? site.substring(0, site.length() - 1) : site,
                member.companyId(), member.publicKey(), member.privateKey());
    }

    public static HelpdeskCredentials of(String site, String host, String companyId, String publicKey,
                                         String privateKey) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ConnectWiseApi.SITE, site);
        values.put(ConnectWiseApi.HOST, host);
        values.put(ConnectWiseApi.COMPANY_ID, companyId);
        values.put(ConnectWiseApi.PUBLIC_KEY, publicKey);
        values.put(ConnectWiseApi.PRIVATE_KEY, privateKey);
        return HelpdeskCredentials.of(values);
    }

    /** The same credentials with one field changed. */
    public static HelpdeskCredentials with(HelpdeskCredentials credentials, String field, String value) {
        Map<String, String> values = new LinkedHashMap<>(credentials.values());
        values.put(field, value);
        return HelpdeskCredentials.of(values);
    }

    /** The properties that let Horizon reach the simulator: its clientId, and plain http on loopback. */
    public static Map<String, String> properties(ConnectWiseSimulator simulator) {
        return Map.of("horizon.connectwise.client-id", simulator.clientId(),
                "horizon.connectwise.allow-insecure-loopback", "true");
    }
}
