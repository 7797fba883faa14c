package horizon.simulator.connectwise.conformance;

import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.core.conformance.RecordingWire;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends real HTTP requests to a simulated ConnectWise site the way an integration does (Basic
 * {@code companyId+publicKey:privateKey}, a {@code clientId} header, a versioned {@code Accept}) and records each
 * exchange.
 */
final class Wire extends RecordingWire<Wire> {
    static final String VERSIONED_JSON = "application/vnd.connectwise.com+json; version=2026.4";

    private Wire(String apiBase, Map<String, String> headers) {
        super(apiBase, headers);
    }

    /** The API member of the simulated site, with its clientId, asking for model version 2026.4. */
    static Wire as(ConnectWiseSimulator sim) {
        var member = sim.apiMember();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", basic(member.companyId() + "+" + member.publicKey(), member.privateKey()));
        headers.put("clientId", sim.clientId());
        headers.put("Accept", VERSIONED_JSON);
        return new Wire(sim.apiUrl(), headers);
    }

    @Override
    protected Wire copy(String apiBase, Map<String, String> headers) {
        return new Wire(apiBase, headers);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A query parameter's value, percent-encoded (spaces as %20, as ConnectWise's own clients send them). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
