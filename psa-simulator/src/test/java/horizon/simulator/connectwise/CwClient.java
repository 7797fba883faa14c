package horizon.simulator.connectwise;

import horizon.simulator.core.JsonHttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A small ConnectWise REST client over real HTTP for the tests: Basic member keys and the clientId header. */
public final class CwClient extends JsonHttpClient<CwClient> {

    public CwClient(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private CwClient(String baseUrl, Map<String, String> headers) {
        super(baseUrl, headers);
    }

    @Override
    protected CwClient copy(String baseUrl, Map<String, String> headers) {
        return new CwClient(baseUrl, headers);
    }

    /** A client of the simulator's API with the API member's keys and the simulator's clientId. */
    public static CwClient of(ConnectWiseSimulator sim) {
        ApiMember m = sim.apiMember();
        return new CwClient(sim.apiUrl()).header("Authorization", basic(m.companyId() + "+" + m.publicKey() + ":"
                + m.privateKey())).header("clientId", sim.clientId());
    }

    public static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
