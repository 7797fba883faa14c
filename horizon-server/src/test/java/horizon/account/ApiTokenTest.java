package horizon.account;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiTokenTest extends HorizonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidTokenSaysWhoCalls() {
        TestAccount acme = fixtures().account("Acme");

        HttpResponse<String> me = apiGet("/api/v1/me", acme.agent().token());

        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(me.body());
        assertThat(body.get("userId").asLong()).isEqualTo(acme.agent().id());
        assertThat(body.get("accountId").asLong()).isEqualTo(acme.id());
        assertThat(body.get("accountName").asString()).isEqualTo(acme.name());
        assertThat(body.get("email").asString()).isEqualTo(acme.agent().email());
        assertThat(body.get("role").asString()).isEqualTo("AGENT");
        assertThat(me.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void missingOrUnknownTokensGet401Json() {
        for (String token : new String[] {null, "hzn_not-a-real-token", "something else"}) {
            HttpResponse<String> answer = apiGet("/api/v1/me", token);
            assertThat(answer.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(json.readTree(answer.body()).get("error").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void aSignedInBrowserSessionIsNotAnApiCredential() throws Exception {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();
        web.login(acme.admin().email(), acme.admin().password());
        // The session cookie is kept by the WebSession, but /api/v1 ignores sessions: only bearer tokens count.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenIsShownOnceStoredAsAHashAndStopsWorkingWhenRevoked() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();
        web.login(acme.admin().email(), acme.admin().password());

        WebSession.Page created = web.post("/admin/api-tokens", Map.of("name", "nightly report"));
        String token = created.html().select("#issued-token code.token").text();
        assertThat(token).startsWith("hzn_");
        assertThat(apiGet("/api/v1/me", token).statusCode()).isEqualTo(200);

        assertThat(web.open("/admin/users").body()).contains("nightly report").doesNotContain(token);
        String storedHash = jdbc.sql("select token_hash from api_tokens where account_id = :a and name = :n")
                .param("a", acme.id()).param("n", "nightly report").query(String.class).single();
        assertThat(storedHash).isEqualTo(ApiTokens.hash(token)).doesNotContain(token);

        long id = jdbc.sql("select id from api_tokens where account_id = :a and name = :n")
                .param("a", acme.id()).param("n", "nightly report").query(Long.class).single();
        WebSession.Page revoked = web.post("/admin/api-tokens/" + id + "/revoke", Map.of());
        assertThat(revoked.redirectsTo("/admin/users")).isTrue();
        assertThat(apiGet("/api/v1/me", token).statusCode()).isEqualTo(401);
        assertThat(web.open("/admin/users").html().select("#tokens tr:contains(nightly report) .badge").text())
                .isEqualTo("revoked");
    }

    @Test
    void aTokenOnlyEverSpeaksForItsOwnAccount() {
        TestAccount acme = fixtures().account("Acme");
        TestAccount globex = fixtures().account("Globex");

        JsonNode asAcme = json.readTree(apiGet("/api/v1/me", acme.admin().token()).body());
        JsonNode asGlobex = json.readTree(apiGet("/api/v1/me", globex.admin().token()).body());
        assertThat(asAcme.get("accountId").asLong()).isEqualTo(acme.id());
        assertThat(asGlobex.get("accountId").asLong()).isEqualTo(globex.id());

        // Globex's admin cannot revoke Acme's token: the id is not found in Globex's account.
        long acmeTokenId = jdbc.sql("select id from api_tokens where account_id = :a and user_id = :u")
                .param("a", acme.id()).param("u", acme.admin().id()).query(Long.class).single();
        WebSession web = web();
        web.login(globex.admin().email(), globex.admin().password());
        assertThat(web.post("/admin/api-tokens/" + acmeTokenId + "/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(apiGet("/api/v1/me", acme.admin().token()).statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledUsersTokenIsRefused() {
        TestAccount acme = fixtures().account("Acme");
        context.getBean(Accounts.class).setEnabled(acme.id(), acme.agent().id(), false);
        assertThat(apiGet("/api/v1/me", acme.agent().token()).statusCode()).isEqualTo(401);
    }
}
