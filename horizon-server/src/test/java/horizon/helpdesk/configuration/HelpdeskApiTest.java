package horizon.helpdesk.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HelpdeskApiTest extends HorizonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    HelpdeskConnections connections;

    @Test
    void anAccountWithoutAConnectionSaysSoWithDefaultSettings() {
        TestAccount acme = fixtures().account("Acme");
        HttpResponse<String> answer = apiGet("/api/v1/helpdesk/connection", acme.admin().token());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("connected").asBoolean()).isFalse();
        assertThat(body.path("state").asString()).isEqualTo("NOT_CONNECTED");
        assertThat(body.path("syncSettings").path("ingestWindowDays").asInt()).isEqualTo(30);
        assertThat(body.path("syncSettings").path("pollingIntervalSeconds").asInt()).isEqualTo(300);
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        assertThat(apiGet("/api/v1/helpdesk/connection", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminReplacesTheSyncSettings() {
        TestAccount acme = fixtures().account("Acme");
        HttpResponse<String> answer = put(acme.admin().token(), """
                {"tickets":true,"companies":true,"contacts":false,"helpdeskUsers":true,"notes":false,
                 "timeEntries":true,"ingestWindowDays":90,"pollingIntervalSeconds":120}""");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(connections.settings(acme.id()))
                .isEqualTo(new SyncSettings(true, true, false, true, false, true, 90, 120));
        JsonNode read = JSON.readTree(apiGet("/api/v1/helpdesk/connection", acme.admin().token()).body());
        assertThat(read.path("syncSettings").path("ingestWindowDays").asInt()).isEqualTo(90);
    }

    @Test
    void invalidSettingsAreRefusedWithOneMessagePerField() {
        TestAccount acme = fixtures().account("Acme");
        HttpResponse<String> answer = put(acme.admin().token(), """
                {"tickets":false,"companies":false,"contacts":false,"helpdeskUsers":false,"notes":false,
                 "timeEntries":false,"ingestWindowDays":0,"pollingIntervalSeconds":10}""");
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(answer.body()).path("errors");
        assertThat(errors.findValuesAsString("field"))
                .containsExactly("entities", "ingestWindowDays", "pollingIntervalSeconds");
        assertThat(errors.findValuesAsString("message"))
                .contains("The backup-polling interval must be at least 30 seconds.");
        assertThat(connections.settings(acme.id())).isEqualTo(SyncSettings.defaults());
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        TestAccount acme = fixtures().account("Acme");
        HttpResponse<String> missing = put(acme.admin().token(), "{\"tickets\":true}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).path("errors").findValuesAsString("field"))
                .contains("ingestWindowDays", "pollingIntervalSeconds");
        HttpResponse<String> malformed = put(acme.admin().token(), "{\"ingestWindowDays\":\"lots\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("ingestWindowDays");
    }

    @Test
    void anAgentCannotChangeSyncSettings() {
        TestAccount acme = fixtures().account("Acme");
        HttpResponse<String> answer = put(acme.agent().token(), """
                {"tickets":true,"companies":true,"contacts":true,"helpdeskUsers":true,"notes":true,
                 "timeEntries":true,"ingestWindowDays":5,"pollingIntervalSeconds":60}""");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(connections.settings(acme.id())).isEqualTo(SyncSettings.defaults());
    }

    private HttpResponse<String> put(String token, String json) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/helpdesk/sync-settings"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
