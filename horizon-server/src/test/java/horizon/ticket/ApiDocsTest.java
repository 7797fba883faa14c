package horizon.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.HorizonTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document and Swagger UI are public, describe the API's routes and its bearer scheme. */
class ApiDocsTest extends HorizonTest {

    @Test
    void openApiJsonIsPublicAndListsTheRoutes() {
        HttpResponse<String> answer = apiGet("/api/openapi.json", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode doc = JsonMapper.builder().build().readTree(answer.body());
        List<String> paths = new ArrayList<>(doc.get("paths").propertyNames());
        assertThat(paths).contains("/api/v1/tickets", "/api/v1/tickets/{id}", "/api/v1/companies",
                "/api/v1/contacts", "/api/v1/picklists", "/api/v1/picklists/{entity}/{field}",
                "/api/v1/helpdesk-users", "/api/v1/helpdesk-users/{externalId}/mapping");
        assertThat(doc.get("paths").get("/api/v1/helpdesk-users/{externalId}/mapping").propertyNames())
                .contains("put", "delete");
        assertThat(doc.get("paths").get("/api/v1/tickets").get("get").get("parameters"))
                .extracting(p -> p.get("name").asString())
                .contains("status", "queue", "assignee", "updatedSince", "limit", "cursor");
        JsonNode scheme = doc.get("components").get("securitySchemes").get("bearer");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(doc.get("security").get(0).has("bearer")).isTrue();
        // The documentation is not an API call: the routes it describes still need the token.
        assertThat(apiGet("/api/v1/tickets", null).statusCode()).isEqualTo(401);
    }

    @Test
    void swaggerUiIsPublic() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(page.uri().getPath()).doesNotContain("login");
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/openapi.json/swagger-config")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/api/openapi.json");
    }
}
