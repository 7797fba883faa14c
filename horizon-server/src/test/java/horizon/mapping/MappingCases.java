package horizon.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.account.HorizonUser;
import horizon.account.Role;
import horizon.account.UserRepository;
import horizon.helpdesk.HelpdeskUser;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import horizon.ticket.MirrorSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping rules on one store: suggestions by e-mail, bind, unbind, one helpdesk user per Horizon user, creating a
 * Horizon agent from a helpdesk user, account scoping, and the REST API. Each test opens its own accounts.
 */
abstract class MappingCases extends HorizonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MappingHelpdeskUsers mapping;
    @Autowired
    MirrorWriter writer;
    @Autowired
    UserRepository users;

    TestAccount acme;
    String unique;

    @BeforeEach
    void account() {
        acme = fixtures().account("Acme");
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Puts helpdesk users into the mirror as a sync would. */
    void mirror(TestAccount account, HelpdeskUser... helpdeskUsers) {
        writer.upsert(account.id(), MirroredEntity.HELPDESK_USERS, List.of(helpdeskUsers));
    }

    @Test
    void suggestsTheHorizonUserWithTheSameEmailIgnoringCase() {
        mirror(acme, MirrorSeed.helpdeskUser(501, "Alice", "Agent", acme.agent().email().toUpperCase(Locale.ROOT), true),
                MirrorSeed.helpdeskUser(502, "Bob", "Nomatch", "bob-" + unique + "@elsewhere.test", true),
                MirrorSeed.helpdeskUser(503, "Olga", "Old", "olga-" + unique + "@elsewhere.test", false));
        MappingOverview overview = mapping.overview(acme.id());
        assertThat(overview.activeUsers()).extracting(MappedHelpdeskUser::externalId).containsExactly(501L, 502L);
        assertThat(overview.unmappedCount()).isEqualTo(2);
        assertThat(overview.activeUsers().get(0).suggestion().id()).isEqualTo(acme.agent().id());
        assertThat(overview.activeUsers().get(1).suggestion()).isNull();

        MappedHelpdeskUser accepted = mapping.acceptSuggestion(acme.id(), 501, acme.admin().id());
        assertThat(accepted.mappedTo().id()).isEqualTo(acme.agent().id());
        assertThat(accepted.mappedBy()).isEqualTo(acme.admin().displayName());
        assertThat(storedMapping(acme.id(), 501)).isEqualTo(acme.agent().id());
        assertThat(mapping.overview(acme.id()).unmappedCount()).isEqualTo(1);
        assertThatThrownBy(() -> mapping.acceptSuggestion(acme.id(), 502, acme.admin().id()))
                .isInstanceOf(MappingRefused.class).hasMessageContaining("No Horizon user has the e-mail");
    }

    @Test
    void bindsAndUnbinds() {
        mirror(acme, MirrorSeed.helpdeskUser(601, "Carl", "Tech", null, true));
        mapping.bind(acme.id(), 601, acme.admin().id(), acme.admin().id());
        assertThat(storedMapping(acme.id(), 601)).isEqualTo(acme.admin().id());
        assertThat(mapping.overview(acme.id()).unmappedHorizonUsers()).extracting(HorizonUser::id)
                .containsExactly(acme.agent().id());
        assertThat(mapping.unbind(acme.id(), 601, acme.admin().id())).isTrue();
        assertThat(storedMapping(acme.id(), 601)).isNull();
        assertThat(mapping.unbind(acme.id(), 601, acme.admin().id())).isFalse();
    }

    @Test
    void aHorizonUserMapsToOneHelpdeskUserOnly() {
        mirror(acme, MirrorSeed.helpdeskUser(701, "Dana", "First", null, true),
                MirrorSeed.helpdeskUser(702, "Evan", "Second", null, true));
        mapping.bind(acme.id(), 701, acme.agent().id(), acme.admin().id());
        assertThatThrownBy(() -> mapping.bind(acme.id(), 702, acme.agent().id(), acme.admin().id()))
                .isInstanceOf(MappingRefused.class)
                .hasMessageContaining("already mapped to helpdesk user Dana First (701)")
                .extracting(e -> ((MappingRefused) e).reason()).isEqualTo(MappingRefused.Reason.HORIZON_USER_TAKEN);
        assertThat(storedMapping(acme.id(), 702)).isNull();
        // Binding the same pair again changes nothing; rebinding the helpdesk user replaces its mapping.
        mapping.bind(acme.id(), 701, acme.agent().id(), acme.admin().id());
        mapping.bind(acme.id(), 701, acme.admin().id(), acme.admin().id());
        assertThat(storedMapping(acme.id(), 701)).isEqualTo(acme.admin().id());
        mapping.bind(acme.id(), 702, acme.agent().id(), acme.admin().id());
        assertThat(storedMapping(acme.id(), 702)).isEqualTo(acme.agent().id());
    }

    @Test
    void createsAHorizonAgentFromAHelpdeskUser() {
        String email = "Frank.Field-" + unique + "@Acme.test";
        mirror(acme, MirrorSeed.helpdeskUser(801, "Frank", "Field", email, true),
                MirrorSeed.helpdeskUser(802, "Gail", "Noemail", null, true),
                MirrorSeed.helpdeskUser(803, "Hank", "Agent", acme.agent().email(), true));
        CreatedHorizonUser created = mapping.createHorizonUser(acme.id(), 801, acme.admin().id());
        assertThat(created.user().email()).isEqualTo(email.toLowerCase(Locale.ROOT));
        assertThat(created.user().displayName()).isEqualTo("Frank Field");
        assertThat(created.user().role()).isEqualTo(Role.AGENT);
        assertThat(created.temporaryPassword()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(storedMapping(acme.id(), 801)).isEqualTo(created.user().id());
        assertThat(users.findInAccount(acme.id(), created.user().id())).isPresent();
        // The temporary password signs the new agent in.
        WebSession.Page login = web().login(created.user().email(), created.temporaryPassword());
        assertThat(login.redirectsTo("/login")).isFalse();

        assertThatThrownBy(() -> mapping.createHorizonUser(acme.id(), 802, acme.admin().id()))
                .isInstanceOf(MappingRefused.class).hasMessageContaining("has no e-mail address");
        assertThatThrownBy(() -> mapping.createHorizonUser(acme.id(), 803, acme.admin().id()))
                .isInstanceOf(MappingRefused.class).hasMessageContaining("accept the suggestion");
        assertThatThrownBy(() -> mapping.createHorizonUser(acme.id(), 801, acme.admin().id()))
                .isInstanceOf(MappingRefused.class).hasMessageContaining("already mapped");
    }

    @Test
    void everythingIsScopedToTheAccount() {
        TestAccount globex = fixtures().account("Globex");
        mirror(acme, MirrorSeed.helpdeskUser(901, "Ivy", "Acme", "ivy-" + unique + "@acme.test", true));
        mirror(globex, MirrorSeed.helpdeskUser(902, "Jack", "Globex", globex.agent().email(), true));
        // Another account's Horizon user or helpdesk user is unknown here.
        assertThatThrownBy(() -> mapping.bind(acme.id(), 901, globex.agent().id(), acme.admin().id()))
                .isInstanceOf(MappingRefused.class)
                .extracting(e -> ((MappingRefused) e).reason()).isEqualTo(MappingRefused.Reason.HORIZON_USER_UNKNOWN);
        assertThatThrownBy(() -> mapping.bind(acme.id(), 902, acme.agent().id(), acme.admin().id()))
                .isInstanceOf(MappingRefused.class)
                .extracting(e -> ((MappingRefused) e).reason()).isEqualTo(MappingRefused.Reason.HELPDESK_USER_UNKNOWN);
        // Suggestions never cross accounts: Acme's helpdesk user with Globex's agent's e-mail gets none.
        mirror(acme, MirrorSeed.helpdeskUser(903, "Kim", "Lookalike", globex.agent().email(), true));
        assertThat(mapping.helpdeskUser(acme.id(), 903).suggestion()).isNull();

        assertThat(apiGet("/api/v1/helpdesk-users", globex.admin().token()).body())
                .contains("Jack").doesNotContain("Ivy", "Kim");
        assertThat(put(901, "{\"horizonUserId\":" + globex.agent().id() + "}", globex.admin().token()).statusCode())
                .isEqualTo(404);
        assertThat(put(902, "{\"horizonUserId\":" + acme.agent().id() + "}", globex.admin().token()).statusCode())
                .isEqualTo(400);
        assertThat(storedMapping(globex.id(), 902)).isNull();

        WebSession web = web();
        web.login(acme.admin().email(), acme.admin().password());
        web.open(UserMappingController.PATH);
        assertThat(web.post(UserMappingController.PATH + "/902/accept", java.util.Map.of()).status()).isEqualTo(404);
        assertThat(storedMapping(globex.id(), 902)).isNull();
    }

    @Test
    void newHelpdeskUsersAppearAfterTheNextSync() {
        mirror(acme, MirrorSeed.helpdeskUser(1101, "Lena", "Early", null, true));
        assertThat(mapping.overview(acme.id()).activeUsers()).hasSize(1);
        mirror(acme, MirrorSeed.helpdeskUser(1102, "Mo", "Later", null, true));
        assertThat(mapping.overview(acme.id()).activeUsers()).extracting(MappedHelpdeskUser::externalId)
                .containsExactly(1101L, 1102L);
        assertThat(mapping.overview(acme.id()).unmappedCount()).isEqualTo(2);
    }

    @Test
    void restApiListsBindsAndUnbinds() {
        mirror(acme, MirrorSeed.helpdeskUser(1201, "Nina", "Api", acme.agent().email(), true),
                MirrorSeed.helpdeskUser(1202, "Omar", "Api", null, true),
                MirrorSeed.helpdeskUser(1203, "Pia", "Gone", null, false));
        JsonNode list = JSON.readTree(apiGet("/api/v1/helpdesk-users", acme.agent().token()).body());
        assertThat(list.get("items")).extracting(i -> i.get("externalId").asLong()).containsExactly(1201L, 1202L,
                1203L);
        assertThat(list.get("unmappedActiveCount").asLong()).isEqualTo(2);
        JsonNode nina = list.get("items").get(0);
        assertThat(nina.get("mapping").isNull()).isTrue();
        assertThat(nina.get("suggestion").get("id").asLong()).isEqualTo(acme.agent().id());
        assertThat(nina.get("roles").get(0).get("queueId").asLong()).isEqualTo(29682833L);
        assertThat(nina.has("rawJson")).isFalse();

        String admin = acme.admin().token();
        HttpResponse<String> bound = put(1201, "{\"horizonUserId\":" + acme.agent().id() + "}", admin);
        assertThat(bound.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(bound.body()).get("mapping").get("horizonUser").get("email").asString())
                .isEqualTo(acme.agent().email());
        HttpResponse<String> taken = put(1202, "{\"horizonUserId\":" + acme.agent().id() + "}", admin);
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(taken.body()).get("message").asString()).contains("already mapped");
        assertThat(put(1202, "{}", admin).statusCode()).isEqualTo(400);
        assertThat(put(1202, "not json", admin).statusCode()).isEqualTo(400);
        assertThat(put(1202, "{\"horizonUserId\":424242}", admin).statusCode()).isEqualTo(400);
        assertThat(put(4242, "{\"horizonUserId\":" + acme.admin().id() + "}", admin).statusCode()).isEqualTo(404);
        assertThat(put(1202, "{\"horizonUserId\":" + acme.admin().id() + "}", acme.agent().token()).statusCode())
                .isEqualTo(403);
        assertThat(JSON.readTree(apiGet("/api/v1/helpdesk-users", admin).body()).get("unmappedActiveCount").asLong())
                .isEqualTo(1);

        assertThat(send("DELETE", 1201, null, acme.agent().token()).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", 1201, null, admin).statusCode()).isEqualTo(204);
        assertThat(storedMapping(acme.id(), 1201)).isNull();
        assertThat(send("DELETE", 4242, null, admin).statusCode()).isEqualTo(404);
    }

    Long storedMapping(long accountId, long helpdeskUserId) {
        return jdbc.sql("""
                        select horizon_user_id from helpdesk_user_mappings
                         where account_id = :a and helpdesk_user_external_id = :h
                        """)
                .param("a", accountId).param("h", helpdeskUserId).query(Long.class).optional().orElse(null);
    }

    HttpResponse<String> put(long externalId, String body, String token) {
        return send("PUT", externalId, body, token);
    }

    HttpResponse<String> send(String method, long externalId, String body, String token) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/api/v1/helpdesk-users/" + externalId + "/mapping"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
