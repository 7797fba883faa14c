package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZoneAndAuthTest {
    static AutotaskSimulator sim;
    static ApiUser user;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(new SimulatorOptions.MspSize(5, 20, 4, 50, 2)));
        user = sim.apiUser();
        api = ApiClient.of(user);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static final Map<String, Object> ALL = Map.of("filter", List.of(Map.of("op", "exist", "field", "id")));

    @Test
    void zoneInformationAnswersFromEveryZoneWithoutAuthAndPointsAtTheDatabaseZone() {
        Zone database = sim.zones().get(sim.zones().size() - 1);
        for (Zone zone : sim.zones()) {
            ApiClient anonymous = new ApiClient("http://127.0.0.1:" + zone.port() + "/");
            var r = anonymous.get("atservicesrest/v1.0/zoneInformation?user=" + user.userName());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("url").asString()).isEqualTo(database.apiUrl()).endsWith("/ATServicesRest/");
            assertThat(r.json().get("zoneName").asString()).isEqualTo("America East 2");
            assertThat(r.json().get("webUrl").asString()).isEqualTo(database.webUrl());
            assertThat(r.json().get("ci").isInt()).isTrue();
            var upper = anonymous.get("ATServicesRest/V1.0/ZoneInformation?user=" + user.userName());
            assertThat(upper.status()).isEqualTo(200);
        }
        var unknown = new ApiClient(database.webUrl()).get("atservicesrest/v1.0/zoneInformation?user=nobody@example.com");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.firstError()).isEqualTo("Zone information could not be determined");
        var version = new ApiClient(database.webUrl()).get("atservicesrest/versionInformation");
        assertThat(version.json().get("apiVersions").get(0).asString()).isEqualTo("V1.0");
    }

    @Test
    void authMatrix() {
        assertThat(api.query("Companies", ALL).status()).isEqualTo(200);
        assertThat(api.header("Secret", "wrong").query("Companies", ALL).status()).isEqualTo(401);
        var unknownUser = api.header("UserName", "nobody@example.com").query("Companies", ALL);
        assertThat(unknownUser.status()).isEqualTo(500);
        assertThat(unknownUser.firstError()).isNotBlank();
        var badCode = api.header("ApiIntegrationCode", "NOTACODE").query("Companies", ALL);
        assertThat(badCode.status()).isEqualTo(500);
        assertThat(badCode.firstError()).contains("integration code");
        Zone other = sim.zones().get(0);
        assertThat(api.withBase(other.apiUrl()).query("Companies", ALL).status()).isEqualTo(401);
        // header names are case-insensitive
        var lower = new ApiClient(user.zoneApiUrl()).header("apiintegrationcode", user.integrationCode())
                .header("username", user.userName()).header("SECRET", user.secret());
        assertThat(lower.query("Companies", ALL).status()).isEqualTo(200);
    }

    @Test
    void missingPermissionAnswers500WithAutotasksMessage() {
        ApiUser limited = sim.addApiUser("limited@horizon-sim.example", SecurityLevel.NO_ENTITY_ACCESS);
        var r = ApiClient.of(limited).query("Tickets", ALL);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.firstError()).startsWith("The logged in Resource does not have the adequate permissions");
        var write = ApiClient.of(limited).post("V1.0/Companies", Map.of("companyName", "X"));
        assertThat(write.status()).isEqualTo(500);
        assertThat(write.firstError()).startsWith("The logged in Resource does not have the adequate permissions");
    }

    @Test
    void impersonationMakesTheResourceTheCreatorAndIsRefusedWithoutTheRight() {
        long tech = sim.control().technicians().get(1);
        long ticket = sim.control().createTicket(Map.of("title", "impersonation target"));
        var created = api.header("ImpersonationResourceId", Long.toString(tech)).post("V1.0/Tickets/" + ticket + "/Notes",
                Map.of("title", "as tech", "description", "written by the API as the technician",
                        "noteType", sim.control().picklistCode("TicketNotes", "noteType", "Task Detail"),
                        "publish", sim.control().picklistCode("TicketNotes", "publish", "All Autotask Users")));
        assertThat(created.status()).isEqualTo(200);
        long noteId = created.json().get("itemId").asLong();
        var note = api.get("V1.0/TicketNotes/" + noteId).json().get("item");
        assertThat(note.get("creatorResourceID").asLong()).isEqualTo(tech);
        assertThat(note.get("impersonatorCreatorResourceID").asLong()).isEqualTo(user.resourceId());

        var plain = api.post("V1.0/Tickets/" + ticket + "/Notes", Map.of("title", "as api", "description", "d",
                "noteType", sim.control().picklistCode("TicketNotes", "noteType", "Task Detail"),
                "publish", sim.control().picklistCode("TicketNotes", "publish", "All Autotask Users")));
        var plainNote = api.get("V1.0/TicketNotes/" + plain.json().get("itemId").asLong()).json().get("item");
        assertThat(plainNote.get("creatorResourceID").asLong()).isEqualTo(user.resourceId());
        assertThat(plainNote.get("impersonatorCreatorResourceID").isNull()).isTrue();

        ApiUser apiOnly = sim.addApiUser("plain@horizon-sim.example", SecurityLevel.API_ONLY);
        var refused = ApiClient.of(apiOnly).header("ImpersonationResourceId", Long.toString(tech)).query("Tickets", ALL);
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.firstError()).contains("Impersonation");
        var apiUserAsTarget = api.header("ImpersonationResourceId", Long.toString(user.resourceId())).query("Tickets", ALL);
        assertThat(apiUserAsTarget.status()).isEqualTo(500);
    }

    @Test
    void credentialsAreRepeatableFromTheSeed() {
        try (AutotaskSimulator again = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty()))) {
            assertThat(again.apiUser().userName()).isEqualTo(user.userName());
            assertThat(again.apiUser().secret()).isEqualTo(user.secret());
            assertThat(again.apiUser().integrationCode()).isEqualTo(user.integrationCode()).hasSize(27);
        }
        try (AutotaskSimulator other = AutotaskSimulator.start(SimulatorOptions.defaults().withSeed(7).withSize(SimulatorOptions.MspSize.empty()))) {
            assertThat(other.apiUser().secret()).isNotEqualTo(user.secret());
        }
    }
}
