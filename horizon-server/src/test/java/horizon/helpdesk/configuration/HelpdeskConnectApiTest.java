package horizon.helpdesk.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.autotask.AutotaskCredentials;
import horizon.onboarding.SimulatorBackedTest;
import horizon.testsupport.Fixtures.TestAccount;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Connecting any PSA through the REST API, as a script onboards an account: the wizard's checks and named failures. */
class HelpdeskConnectApiTest extends SimulatorBackedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    HelpdeskConnections connections;

    @Test
    void theKindsListEveryPsaWithTheFieldsItsConnectorAsksFor() {
        TestAccount acme = fixtures().account("Kinds");
        JsonNode kinds = JSON.readTree(apiGet("/api/v1/helpdesk/kinds", acme.admin().token()).body());
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        kinds.forEach(k -> byKind.put(k.path("kind").asString(), k));
        assertThat(byKind.keySet()).containsExactly("AUTOTASK", "CONNECTWISE_MANAGE", "HALOPSA", "ZOHO_DESK");
        assertThat(byKind.get("AUTOTASK").path("available").asBoolean()).isTrue();
        assertThat(byKind.get("CONNECTWISE_MANAGE").path("available").asBoolean()).isTrue();
        assertThat(byKind.get("HALOPSA").path("available").asBoolean()).isFalse();
        assertThat(byKind.get("CONNECTWISE_MANAGE").path("fields").findValuesAsString("name"))
                .containsExactly("site", "host", "companyId", "publicKey", "privateKey");
        JsonNode privateKey = byKind.get("CONNECTWISE_MANAGE").path("fields").get(4);
        assertThat(privateKey.path("secret").asBoolean()).isTrue();
        assertThat(privateKey.path("help").asString()).contains("API Members");
    }

    @Test
    void testingNamesEachFailureInThePsasWordsAndSavesNothing() {
        TestAccount acme = fixtures().account("Test by API");
        String token = acme.admin().token();

        HttpResponse<String> ok = post(token, "CONNECTWISE_MANAGE", connectWise().credentials());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("zone").path("apiUrl").asString()).contains("/apis/3.0/");

        HttpResponse<String> keys = post(token, "CONNECTWISE_MANAGE", with(connectWise().credentials(),
                "privateKey", "wrong"));
        assertThat(keys.statusCode()).isEqualTo(422);
        JsonNode failure = JSON.readTree(keys.body());
        assertThat(failure.path("kind").asString()).isEqualTo("AUTHENTICATION");
        assertThat(failure.path("title").asString()).isEqualTo("Keys rejected");
        assertThat(failure.path("steps").size()).isPositive();
        assertThat(keys.body()).doesNotContain("wrong\"");

        HttpResponse<String> secret = post(token, "AUTOTASK", AutotaskCredentials.of(apiUser().userName(),
                "not-the-secret", apiUser().integrationCode()));
        assertThat(secret.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(secret.body()).path("title").asString()).isEqualTo("Secret wrong");

        HttpResponse<String> blank = post(token, "CONNECTWISE_MANAGE", HelpdeskCredentials.of(Map.of("site",
                "onpremise")));
        assertThat(blank.statusCode()).isEqualTo(422);
        JsonNode problems = JSON.readTree(blank.body()).path("fieldProblems");
        assertThat(problems.findValuesAsString("field")).contains("companyId", "publicKey", "privateKey");

        HttpResponse<String> coming = post(token, "HALOPSA", HelpdeskCredentials.of(Map.of()));
        assertThat(coming.statusCode()).isEqualTo(400);
        assertThat(coming.body()).contains("AUTOTASK", "CONNECTWISE_MANAGE");
        assertThat(connections.view(acme.id())).isEmpty();

        assertThat(post(acme.agent().token(), "CONNECTWISE_MANAGE", connectWise().credentials()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aScriptConnectsOnePsaThenMovesToTheOtherOnlyWithCredentialsThatWork() {
        TestAccount acme = fixtures().account("Connect by API");
        String token = acme.admin().token();

        HttpResponse<String> connected = put(token, "CONNECTWISE_MANAGE", connectWise().credentials());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(JSON.readTree(connected.body()).path("kind").asString()).isEqualTo("CONNECTWISE_MANAGE");
        assertThat(connections.credentials(acme.id())).contains(connectWise().credentials());

        HttpResponse<String> refused = put(token, "AUTOTASK", AutotaskCredentials.of(apiUser().userName(),
                "not-the-secret", apiUser().integrationCode()));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(connections.view(acme.id()).orElseThrow().kind()).isEqualTo(HelpdeskKind.CONNECTWISE_MANAGE);

        // Working credentials of another PSA's database: asked first, saved once confirmed.
        HttpResponse<String> asked = put(token, "AUTOTASK", AutotaskCredentials.of(apiUser()));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(409);
        JsonNode question = JSON.readTree(asked.body());
        assertThat(question.path("error").asString()).isEqualTo("database_changed");
        assertThat(question.path("previous").asString()).startsWith("ConnectWise company");
        assertThat(question.path("next").asString()).startsWith("Autotask database");
        assertThat(connections.view(acme.id()).orElseThrow().kind()).isEqualTo(HelpdeskKind.CONNECTWISE_MANAGE);
        HttpResponse<String> moved = api("PUT", "/api/v1/helpdesk/connection", token, JSON.writeValueAsString(Map.of(
                "kind", "AUTOTASK", "credentials", AutotaskCredentials.of(apiUser()).values(),
                "confirmDatabase", question.path("confirm").asString())));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode read = JSON.readTree(apiGet("/api/v1/helpdesk/connection", token).body());
        assertThat(read.path("kind").asString()).isEqualTo("AUTOTASK");
        assertThat(read.path("state").asString()).isEqualTo("CONNECTED");
        assertThat(read.toString()).doesNotContain(apiUser().secret());
    }

    private HttpResponse<String> post(String token, String kind, HelpdeskCredentials credentials) {
        return api("POST", "/api/v1/helpdesk/connection/test", token, body(kind, credentials));
    }

    private HttpResponse<String> put(String token, String kind, HelpdeskCredentials credentials) {
        return api("PUT", "/api/v1/helpdesk/connection", token, body(kind, credentials));
    }

    private static String body(String kind, HelpdeskCredentials credentials) {
        return JSON.writeValueAsString(Map.of("kind", kind, "credentials", credentials.values()));
    }

    private static HelpdeskCredentials with(HelpdeskCredentials credentials, String field, String value) {
        Map<String, String> values = new LinkedHashMap<>(credentials.values());
        values.put(field, value);
        return HelpdeskCredentials.of(values);
    }
}
