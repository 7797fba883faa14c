package horizon.widget;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.testsupport.ShiftedClock;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.Fixtures.TestUser;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.PsaSuite;
import horizon.testsupport.SimulatedPsa;
import horizon.testsupport.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the widget suites share: one Horizon on its own H2 store (PostgreSQL where a subclass names one in
 * {@code horizon.test.store-url}), the simulated Autotask and ConnectWise, the shifted clock, and an agent of an
 * account connected to each PSA and mapped to one of its users. Its subclasses on H2 share one context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ShiftedClock.InPlace.class)
abstract class WidgetSuite extends HorizonTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** No polling during a case: the backfill brings what the cases need. */
    static final SyncSettings NO_POLLING = new SyncSettings(true, true, true, true, true, true, 30, 86_400);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AutotaskPsa AUTOTASK = AutotaskPsa.start();
    static final ConnectWisePsa CONNECTWISE = ConnectWisePsa.start();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Simulators and an H2 store of the suite's own, unless a subclass sets horizon.test.store-url. */
    @DynamicPropertySource
    static void widgetSuite(DynamicPropertyRegistry registry) {
        PsaSuite.register(registry, List.of(AUTOTASK, CONNECTWISE), null);
        String h2 = "jdbc:h2:mem:widgets-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        registry.add("spring.datasource.url", () -> "${horizon.test.store-url:" + h2 + "}");
        registry.add("spring.datasource.username", () -> "${horizon.test.store-user:sa}");
        registry.add("spring.datasource.password", () -> "${horizon.test.store-password:}");
        registry.add("horizon.sync.dispatch-interval", () -> "1s");
        // As in production: the widgets' render time is measured on a warm server, templates parsed once.
        registry.add("spring.thymeleaf.cache", () -> "true");
    }

    /** An agent of an account connected to one PSA, mapped to one of its users; the account's widget key. */
    record Agent(TestAccount account, TestUser user, HelpdeskUser resource, String key, SimulatedPsa psa) {

        long accountId() {
            return account.id();
        }
    }

    /** A sign-in as a widget holds it: the access token, and the refresh cookie as the browser would send it. */
    record SignedIn(String accessToken, String cookie, HttpResponse<String> answer) {
    }

    @Autowired
    HelpdeskConnections connections;
    @Autowired
    MirrorQueries mirror;
    @Autowired
    MappingHelpdeskUsers mappings;
    @Autowired
    WidgetKeys keys;
    @Autowired
    ShiftedClock clock;

    private final Map<String, Agent> agents = new HashMap<>();

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    List<SimulatedPsa> psas() {
        return List.of(AUTOTASK, CONNECTWISE);
    }

    /** An agent of a connected account ({@code label} tells accounts of one PSA apart), made once per class. */
    Agent agent(SimulatedPsa psa, String label) {
        return agents.computeIfAbsent(psa.kind() + " " + label, name -> connect(psa, label, 0));
    }

    /** Connects a new account and maps its agent to the PSA's {@code nth} helpdesk user (with roles on Autotask). */
    Agent connect(SimulatedPsa psa, String label, int nth) {
        TestAccount account = fixtures().account(label + " " + psa);
        PsaSuite.connect(connections, jdbc, account.id(), psa, NO_POLLING, WAIT);
        // A technician who can log in to the PSA's pages: not the API user, with roles on Autotask.
        long apiUser = psa.kind() == HelpdeskKind.AUTOTASK ? AUTOTASK.simulator().apiUser().resourceId()
                : CONNECTWISE.simulator().apiMember().memberId();
        HelpdeskUser resource = mirror.helpdeskUsers(account.id(), true).stream()
                .filter(u -> u.externalId() != apiUser && !"A".equals(u.licenseType()))
                .filter(u -> psa.kind() != HelpdeskKind.AUTOTASK || !u.roles().isEmpty())
                .skip(nth).findFirst().orElseThrow();
        mappings.bind(account.id(), resource.externalId(), account.agent().id(), account.admin().id());
        return new Agent(account, account.agent(), resource, keys.keyOf(account.id()), psa);
    }

    /** The PSA's web origin as the simulator serves its pages. */
    static String psaOrigin(SimulatedPsa psa) {
        String web = psa.kind() == HelpdeskKind.AUTOTASK
                ? AUTOTASK.simulator().zones().get(AUTOTASK.simulator().zones().size() - 1).webUrl()
                : CONNECTWISE.simulator().siteUrl();
        return web.endsWith("/") ? web.substring(0, web.length() - 1) : web;
    }

    /** The popup: signs in first-party and reads the one-time code from the sign-in page. */
    String popupCode(TestUser user, String key, String origin, String state) {
        WebSession web = web();
        web.login(user.email(), user.password());
        WebSession.Page page = web.get("/widgets/" + key + "/sign-in?state=" + state + "&origin="
                + java.net.URLEncoder.encode(origin, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String code = page.html().getElementById("popup").attr("data-code");
        assertThat(code).startsWith("hzwc_");
        return code;
    }

    static String newState() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Signs the agent in through the popup and the code grant. */
    SignedIn popupSignIn(Agent agent, String origin) {
        String state = newState();
        HttpResponse<String> answer = token(codeGrant(agent.key(), origin, popupCode(agent.user(), agent.key(),
                origin, state), state), null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return signedIn(answer);
    }

    static SignedIn signedIn(HttpResponse<String> answer) {
        String access = JSON.readTree(answer.body()).path("accessToken").asString();
        String cookie = refreshCookie(answer).split(";", 2)[0];
        return new SignedIn(access, cookie, answer);
    }

    /** The Set-Cookie of the refresh cookie, as sent. */
    static String refreshCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WidgetTokenController.COOKIE + "=")).findFirst().orElseThrow();
    }

    static ObjectNode codeGrant(String key, String origin, String code, String state) {
        ObjectNode body = JSON.createObjectNode();
        body.put("grant", "code").put("key", key).put("origin", origin).put("code", code).put("state", state);
        return body;
    }

    static ObjectNode refreshGrant(String key, String origin) {
        ObjectNode body = JSON.createObjectNode();
        body.put("grant", "refresh").put("key", key).put("origin", origin);
        return body;
    }

    /** POST /widgets/api/token as the widget page sends it, with the refresh cookie if given. */
    HttpResponse<String> token(JsonNode body, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/token"))
                .header("Content-Type", "application/json").header(WidgetTokenController.SAME_ORIGIN_HEADER, "1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    /** A widget API call with a bearer token (none when null). */
    HttpResponse<String> widgetApi(String method, String path, String accessToken, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
