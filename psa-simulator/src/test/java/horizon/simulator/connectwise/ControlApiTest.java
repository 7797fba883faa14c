package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.connectwise.store.Kind;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ConnectWise simulator's control API over HTTP, as demos, benchmarks and other processes use it. */
class ControlApiTest {
    private static ConnectWiseSimulator sim;
    private static CwClient control;
    private static CwClient api;

    @BeforeAll
    static void start() {
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(3, 6, 3, 10, 1)));
        control = new CwClient(sim.controlUrl());
        api = CwClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void technicianChangesGoThroughTheApiRules() {
        assertThat(control.get("").json().get("clientId").asString()).isEqualTo(sim.clientId());
        long ticket = control.post("tickets", Map.of("summary", "From the control API")).json().get("id").asLong();
        assertThat(api.get("service/tickets/" + ticket).json().get("summary").asString()).isEqualTo("From the control API");
        long note = control.post("tickets/" + ticket + "/notes", Map.of("text", "a\nb", "internal", true))
                .json().get("id").asLong();
        assertThat(api.get("service/tickets/" + ticket + "/notes/" + note).json().get("text").asString()).isEqualTo("a b");
        long member = sim.control().technicians().get(1);
        assertThat(control.post("tickets/" + ticket + "/assign", Map.of("memberId", member)).json()
                .get("owner").get("id").asLong()).isEqualTo(member);
        long contact = sim.control().records(Kind.CONTACTS).get(0).get("id").asLong();
        assertThat(control.patch("records/CONTACTS/" + contact, Map.of("title", "CIO")).json().get("title").asString())
                .isEqualTo("CIO");
        CwClient.Response refused = control.post("tickets", Map.of("summary", "x".repeat(101)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(control.get("nosuch").status()).isEqualTo(404);
    }

    @Test
    void faultsRequestsCallbacksAndClientIds() {
        assertThat(control.post("fault-rules", Map.of("method", "GET", "route", "service/priorities", "attempts", "1",
                "kind", "ERROR_BEFORE", "status", 503)).json().get("rules").size()).isEqualTo(1);
        assertThat(api.get("service/priorities").status()).isEqualTo(503);
        assertThat(api.get("service/priorities").status()).isEqualTo(200);
        assertThat(control.get("requests?since=0").json().get("requests").size()).isGreaterThanOrEqualTo(2);
        assertThat(control.delete("faults").json().get("rules").isEmpty()).isTrue();

        assertThat(control.get("callbacks").json().get("signingKey").get("keyUrl").asString()).contains("callbackkey");
        String rotated = control.post("signing-key", Map.of()).json().get("id").asString();
        assertThat(control.get("callbacks").json().get("signingKey").get("id").asString()).isEqualTo(rotated);

        String other = "0f1e2d3c-4b5a-4c6d-8e7f-9a8b7c6d5e4f";
        control.post("client-ids/" + other, Map.of("disabled", true));
        assertThat(api.header("clientId", other).get("service/priorities").status()).isEqualTo(401);
        control.post("client-ids/" + other, Map.of("disabled", false));
        assertThat(api.header("clientId", other).get("service/priorities").status()).isEqualTo(200);
    }
}
