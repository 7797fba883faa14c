package horizon.widget;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.account.SignedInUser;
import horizon.account.UserRepository;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.Fixtures.TestUser;
import horizon.testsupport.SimulatedPsa;
import horizon.todo.TodoDraft;
import horizon.todo.Todos;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import horizon.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The widgets' sign-in over real HTTP against the simulated PSAs: no data without a valid token, codes used once and
 * expiring, the refresh cookie's attributes and rotation, the framing policy, who may exchange tokens, and the event
 * beacon. Subclassed once per store.
 */
abstract class WidgetAuthCases extends WidgetSuite {

    @Autowired
    WidgetEvents events;
    @Autowired
    WidgetEmbedding embedding;
    @Autowired
    Todos todos;
    @Autowired
    UserRepository users;

    @Test
    void aWidgetDataRequestWithoutAValidTokenIsRefusedWithNoData() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        SignedIn signedIn = popupSignIn(agent, origin);
        assertThat(widgetApi("GET", "/widgets/api/calendar", signedIn.accessToken(), null).statusCode())
                .as("the same request with the token").isEqualTo(200);

        WebSession session = web();
        session.login(agent.user().email(), agent.user().password());
        for (String token : Arrays.asList(null, "", "hzwa_" + "x".repeat(43), agent.user().token(),
                signedIn.cookie().split("=", 2)[1], signedIn.accessToken() + "x")) {
            HttpResponse<String> answer = widgetApi("GET", "/widgets/api/calendar", token, null);
            assertThat(answer.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).path("error").asString()).isEqualTo("unauthorized");
            assertThat(answer.body()).doesNotContain("days", "todos");
        }
        // A first-party session does not count on the widget API either.
        assertThat(session.get("/widgets/api/calendar").status()).isEqualTo(401);
    }

    @Test
    void thePopupsCodeSignsInOnceAndOnlyOnce() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        String state = newState();
        String code = popupCode(agent.user(), agent.key(), origin, state);

        HttpResponse<String> first = token(codeGrant(agent.key(), origin, code, state), null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.path("accessToken").asString()).startsWith("hzwa_");
        assertThat(answer.path("expiresIn").asLong()).isEqualTo(600L);
        assertThat(answer.path("signIn").asString()).isEqualTo("popup");
        assertThat(answer.path("user").asString()).isEqualTo(agent.user().displayName());
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> again = token(codeGrant(agent.key(), origin, code, state), null);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("hzwr_"));
        assertThat(again.body()).doesNotContain("hzwa_");
    }

    @Test
    void aCodeExpiresAfterAMinute() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        String state = newState();
        String code = popupCode(agent.user(), agent.key(), origin, state);
        clock.shift(Duration.ofSeconds(61));
        assertThat(token(codeGrant(agent.key(), origin, code, state), null).statusCode()).isEqualTo(401);

        clock.reset();
        String fresh = popupCode(agent.user(), agent.key(), origin, state);
        clock.shift(Duration.ofSeconds(50));
        assertThat(token(codeGrant(agent.key(), origin, fresh, state), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCodeWorksOnlyWithItsStateOriginAndAccount() {
        Agent agent = agent(AUTOTASK, "Auth");
        Agent other = agent(CONNECTWISE, "Auth");
        String origin = psaOrigin(AUTOTASK);
        String state = newState();

        String code = popupCode(agent.user(), agent.key(), origin, state);
        assertThat(token(codeGrant(agent.key(), origin, code, newState()), null).statusCode()).isEqualTo(401);
        // a code is spent by its first try, right or wrong
        assertThat(token(codeGrant(agent.key(), origin, code, state), null).statusCode()).isEqualTo(401);

        code = popupCode(agent.user(), agent.key(), origin, state);
        assertThat(token(codeGrant(agent.key(), baseUrl(), code, state), null).statusCode()).isEqualTo(401);

        code = popupCode(agent.user(), agent.key(), origin, state);
        assertThat(token(codeGrant(other.key(), psaOrigin(CONNECTWISE), code, state), null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void thePopupGivesNoCodeToAnotherAccountsUserOrForAnOriginTheAccountDoesNotAllow() {
        Agent agent = agent(AUTOTASK, "Auth");
        TestAccount stranger = fixtures().account("Stranger");
        WebSession session = web();
        session.login(stranger.agent().email(), stranger.agent().password());
        WebSession.Page page = session.get("/widgets/" + agent.key() + "/sign-in?state=" + newState() + "&origin="
                + psaOrigin(AUTOTASK));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.html().getElementById("popup").attr("data-code")).isEmpty();
        assertThat(page.html().getElementById("problem").text()).contains("another Horizon account");

        session = web();
        session.login(agent.user().email(), agent.user().password());
        for (String origin : List.of("http://127.0.0.1:1", "https://evil.example", psaOrigin(CONNECTWISE))) {
            page = session.get("/widgets/" + agent.key() + "/sign-in?state=" + newState() + "&origin=" + origin);
            assertThat(page.status()).as(origin).isEqualTo(403);
            assertThat(page.body()).doesNotContain("hzwc_");
        }
        // Not signed in: the popup sends people to Horizon's login first, and back here after it.
        WebSession anonymous = web();
        WebSession.Page toLogin = anonymous.get("/widgets/" + agent.key() + "/sign-in?state=" + newState()
                + "&origin=" + psaOrigin(AUTOTASK));
        assertThat(toLogin.redirectsTo("/login")).as("%s %s", toLogin.status(), toLogin.location()).isTrue();
    }

    @Test
    void theRefreshCookieIsHostOnlySecureHttpOnlySameSiteNonePartitionedAndRotates() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        SignedIn first = popupSignIn(agent, origin);

        List<String> parts = Arrays.stream(refreshCookie(first.answer()).split(";")).map(String::strip).toList();
        assertThat(parts.get(0)).matches("__Host-horizon-widget=hzwr_[A-Za-z0-9_-]{43}");
        assertThat(parts.subList(1, parts.size())).containsExactly("Path=/", "Max-Age=604800", "Secure",
                "HttpOnly", "SameSite=None", "Partitioned");
        assertThat(first.answer().body()).doesNotContain("hzwr_");

        HttpResponse<String> refreshed = token(refreshGrant(agent.key(), origin), first.cookie());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        SignedIn second = signedIn(refreshed);
        assertThat(second.cookie()).isNotEqualTo(first.cookie());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(JSON.readTree(refreshed.body()).path("signIn").asString()).isEqualTo("popup");
        assertThat(widgetApi("GET", "/widgets/api/calendar", second.accessToken(), null).statusCode())
                .isEqualTo(200);

        // Another origin, or another account's key, does not refresh it.
        assertThat(token(refreshGrant(agent.key(), baseUrl()), second.cookie()).statusCode()).isEqualTo(401);
        Agent other = agent(CONNECTWISE, "Auth");
        assertThat(token(refreshGrant(other.key(), psaOrigin(CONNECTWISE)), second.cookie()).statusCode())
                .isEqualTo(401);
        // Without the cookie there is nothing to refresh, and the answer drops the cookie.
        HttpResponse<String> none = token(refreshGrant(agent.key(), origin), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(refreshCookie(none)).contains("Max-Age=0");
    }

    @Test
    void aRotatedRefreshTokenShownAgainAfterTheGraceEndsTheWholeSignIn() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        SignedIn first = popupSignIn(agent, origin);
        SignedIn second = signedIn(token(refreshGrant(agent.key(), origin), first.cookie()));
        // Two widgets of one browser refreshing at once: the just-rotated token still works within the grace.
        HttpResponse<String> concurrent = token(refreshGrant(agent.key(), origin), first.cookie());
        assertThat(concurrent.statusCode()).isEqualTo(200);

        clock.shift(Duration.ofSeconds(31));
        assertThat(token(refreshGrant(agent.key(), origin), first.cookie()).statusCode()).isEqualTo(401);
        // The replay revoked every token of that sign-in.
        assertThat(token(refreshGrant(agent.key(), origin), second.cookie()).statusCode()).isEqualTo(401);
        assertThat(widgetApi("GET", "/widgets/api/calendar", second.accessToken(), null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anAccessTokenLastsTenMinutesAndSignOutEndsTheSignIn() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        SignedIn signedIn = popupSignIn(agent, origin);
        clock.shift(Duration.ofMinutes(9));
        assertThat(widgetApi("GET", "/widgets/api/calendar", signedIn.accessToken(), null).statusCode())
                .isEqualTo(200);
        clock.shift(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(widgetApi("GET", "/widgets/api/calendar", signedIn.accessToken(), null).statusCode())
                .isEqualTo(401);
        SignedIn renewed = signedIn(token(refreshGrant(agent.key(), origin), signedIn.cookie()));

        HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/sign-out"))
                .header("Content-Type", "application/json").header(WidgetTokenController.SAME_ORIGIN_HEADER, "1")
                .header("Cookie", renewed.cookie())
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + agent.key() + "\"}")));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(refreshCookie(out)).contains("Max-Age=0");
        assertThat(widgetApi("GET", "/widgets/api/calendar", renewed.accessToken(), null).statusCode())
                .isEqualTo(401);
        assertThat(token(refreshGrant(agent.key(), origin), renewed.cookie()).statusCode()).isEqualTo(401);
    }

    @Test
    void widgetPagesNameThePsasOriginAndHorizonAsFrameAncestorsAndSendNoXFrameOptions() {
        for (var psa : psas()) {
            Agent agent = agent(psa, "Framing");
            for (String page : List.of("/calendar", "/ticket?ticket=1")) {
                HttpResponse<String> answer = widgetApi("GET", "/widgets/" + agent.key() + page, null, null);
                assertThat(answer.statusCode()).isEqualTo(200);
                String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
                assertThat(policy).contains("frame-ancestors 'self' " + psaOrigin(psa))
                        .contains("script-src 'self'");
                assertThat(answer.headers().firstValue("X-Frame-Options")).isEmpty();
                assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            }
            SignedIn signedIn = popupSignIn(agent, psaOrigin(psa));
            HttpResponse<String> data = widgetApi("GET", "/widgets/api/calendar", signedIn.accessToken(), null);
            assertThat(data.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .endsWith("frame-ancestors 'self' " + psaOrigin(psa));
            assertThat(data.headers().firstValue("X-Frame-Options")).isEmpty();
        }
        // An unknown key frames nowhere but Horizon, and the rest of Horizon keeps X-Frame-Options: DENY.
        HttpResponse<String> unknown = widgetApi("GET", "/widgets/not-a-key-at-all-xxxx/calendar", null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Security-Policy").orElseThrow())
                .endsWith("frame-ancestors 'self'");
        assertThat(widgetApi("GET", "/login", null, null).headers().firstValue("X-Frame-Options"))
                .hasValue("DENY");
    }

    @Test
    void onlyHorizonsOwnPagesMayExchangeTokens() {
        Agent agent = agent(AUTOTASK, "Auth");
        String origin = psaOrigin(AUTOTASK);
        String state = newState();
        String code = popupCode(agent.user(), agent.key(), origin, state);
        ObjectNode grant = codeGrant(agent.key(), origin, code, state);

        HttpResponse<String> foreign = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/token"))
                .header("Content-Type", "application/json").header(WidgetTokenController.SAME_ORIGIN_HEADER, "1")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(grant.toString())));
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> plain = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(grant.toString())));
        assertThat(plain.statusCode()).isEqualTo(403);
        // Neither spent the code.
        assertThat(token(grant, null).statusCode()).isEqualTo(200);

        ObjectNode member = JSON.createObjectNode();
        member.put("grant", "psa-member").put("key", agent.key()).put("origin", origin);
        member.putObject("member").put("memberHash", "x").put("memberid", "someone");
        HttpResponse<String> noMembers = token(member, null);
        assertThat(noMembers.statusCode()).as("Autotask hands over no members").isEqualTo(400);
    }

    @Test
    void eventsAreRecordedForTheAccountBoundedInSizeAndRate() {
        Agent agent = agent(AUTOTASK, "Events");
        HttpResponse<String> render = event("{\"key\":\"" + agent.key() + "\",\"widget\":\"calendar\","
                + "\"event\":\"render\",\"signIn\":\"refresh\",\"ms\":123}");
        assertThat(render.statusCode()).isEqualTo(204);
        assertThat(render.headers().firstValue("Content-Security-Policy").orElseThrow())
                .endsWith("frame-ancestors 'self' " + psaOrigin(AUTOTASK));
        assertThat(event("{\"key\":\"" + agent.key() + "\",\"widget\":\"ticket\",\"event\":\"sign-in-failure\","
                + "\"signIn\":\"popup\",\"detail\":\"" + "d".repeat(900) + "\"}").statusCode()).isEqualTo(204);
        assertThat(event("{\"key\":\"" + agent.key() + "\",\"widget\":\"calendar\",\"event\":\"exploded\"}")
                .statusCode()).isEqualTo(400);
        assertThat(event("{\"key\":\"nobody-has-this-key-000\",\"widget\":\"calendar\",\"event\":\"render\"}")
                .statusCode()).isEqualTo(404);
        assertThat(event("{\"key\":\"" + agent.key() + "\",\"widget\":\"calendar\",\"event\":\"render\","
                + "\"detail\":\"" + "x".repeat(3000) + "\"}").statusCode()).isEqualTo(413);

        List<WidgetEvent> recent = events.recent(agent.accountId(), 10);
        assertThat(recent).hasSize(2);
        assertThat(recent.get(0).event()).isEqualTo("sign-in-failure");
        assertThat(recent.get(0).detail()).hasSize(WidgetEvents.MAX_DETAIL);
        assertThat(recent.get(0).userAgent()).isNotBlank();
        assertThat(recent.get(1).millis()).isEqualTo(123);
        List<WidgetEvents.WidgetHealth> health = events.health(agent.accountId(), Duration.ofDays(1));
        assertThat(health.get(0).widget()).isEqualTo("calendar");
        assertThat(health.get(0).renders()).isEqualTo(1);
        assertThat(health.get(0).medianMillis()).isEqualTo(123);
        assertThat(health.get(1).failures()).containsEntry("sign-in-failure", 1L);
        assertThat(health.get(1).lastFailure()).isPresent();
        // Another account sees none of them.
        assertThat(events.recent(agent(CONNECTWISE, "Auth").accountId(), 10)).isEmpty();

        int status = 0;
        for (int i = 0; i < 200 && status != 429; i++) {
            status = event("{\"key\":\"" + agent.key() + "\",\"widget\":\"calendar\",\"event\":\"render\","
                    + "\"ms\":5}").statusCode();
        }
        assertThat(status).as("the account's allowance per minute runs out").isEqualTo(429);
    }

    private HttpResponse<String> event(String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/widgets/api/events"))
                .header("Content-Type", "application/json").header("User-Agent", "WidgetAuthCases")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void oneAccountsOrAgentsTokenCannotReadAnothersTodos() {
        Agent acme = agent(AUTOTASK, "Auth");
        Agent globex = agent(AUTOTASK, "Isolation");
        // Both accounts mirror the same simulated Autotask: the same ticket id exists in each.
        HelpdeskTicket ticket = openTicket(acme);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant soon = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        plan(acme.user(), ticket.externalId(), "Acme plan " + tag, soon);
        plan(acme.account().admin(), ticket.externalId(), "Acme admin's own " + tag, soon);
        plan(globex.user(), ticket.externalId(), "Globex secret " + tag, soon);

        SignedIn acmeAgent = popupSignIn(acme, psaOrigin(AUTOTASK));
        String calendar = widgetApi("GET", "/widgets/api/calendar?zone=UTC", acmeAgent.accessToken(), null).body();
        assertThat(calendar).contains("Acme plan " + tag).doesNotContain("Globex secret " + tag,
                "Acme admin's own " + tag);
        HttpResponse<String> acmeTicket = widgetApi("GET", "/widgets/api/tickets/" + ticket.externalId(),
                acmeAgent.accessToken(), null);
        assertThat(acmeTicket.statusCode()).isEqualTo(200);
        assertThat(acmeTicket.body()).contains("Acme plan " + tag, "Acme admin's own " + tag)
                .doesNotContain("Globex secret " + tag);

        SignedIn globexAgent = popupSignIn(globex, psaOrigin(AUTOTASK));
        assertThat(widgetApi("GET", "/widgets/api/tickets/" + ticket.externalId(), globexAgent.accessToken(), null)
                .body()).contains("Globex secret " + tag).doesNotContain("Acme plan " + tag, "Acme admin");
        assertThat(widgetApi("GET", "/widgets/api/calendar", globexAgent.accessToken(), null).body())
                .contains("Globex secret " + tag).doesNotContain("Acme plan " + tag);

        // The admin of the same account sees their own calendar, not the agent's.
        Agent admin = new Agent(acme.account(), acme.account().admin(), acme.resource(), acme.key(), acme.psa());
        SignedIn acmeAdmin = popupSignIn(admin, psaOrigin(AUTOTASK));
        assertThat(widgetApi("GET", "/widgets/api/calendar", acmeAdmin.accessToken(), null).body())
                .contains("Acme admin's own " + tag).doesNotContain("Acme plan " + tag);

        // A ticket the account's mirror does not hold is not shown, and takes no todo.
        HttpResponse<String> unknown = widgetApi("GET", "/widgets/api/tickets/987654321", acmeAgent.accessToken(),
                null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> noTodo = widgetApi("POST", "/widgets/api/tickets/987654321/todos",
                acmeAgent.accessToken(), "{\"title\":\"x\",\"start\":\"2030-01-01T09:00\",\"minutes\":30}");
        assertThat(noTodo.statusCode()).isEqualTo(404);
    }

    Stream<SimulatedPsa> quickActionPsas() {
        return psas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quickActionPsas")
    void theTicketWidgetAddsATodoAndItsQuickActionsReachThePsa(SimulatedPsa psa) {
        Agent agent = agent(psa, "Auth");
        HelpdeskTicket ticket = openTicket(agent);
        String path = "/widgets/api/tickets/" + ticket.externalId();
        SignedIn signedIn = popupSignIn(agent, psaOrigin(psa));
        String token = signedIn.accessToken();
        String tag = UUID.randomUUID().toString().substring(0, 8);

        JsonNode before = JSON.readTree(widgetApi("GET", path + "?zone=Europe/Berlin", token, null).body());
        assertThat(before.path("ticket").path("number").asString()).isEqualTo(ticket.number());
        assertThat(before.path("ticket").path("link").asString()).startsWith(psaOrigin(psa) + "/")
                .contains(String.valueOf(ticket.externalId()));
        assertThat(before.path("me").path("helpdeskUserId").asLong()).isEqualTo(agent.resource().externalId());
        assertThat(before.path("statuses").size()).isGreaterThanOrEqualTo(2);
        String assignToMe = before.path("assignToMe").asString();
        assertThat(assignToMe).startsWith(String.valueOf(agent.resource().externalId()));

        HttpResponse<String> todo = widgetApi("POST", path + "/todos", token, "{\"title\":\"Call back " + tag
                + "\",\"start\":\"2030-03-04T09:30\",\"minutes\":45,\"zone\":\"Europe/Berlin\"}");
        assertThat(todo.statusCode()).as(todo.body()).isEqualTo(201);
        JsonNode after = JSON.readTree(widgetApi("GET", path + "?zone=Europe/Berlin", token, null).body());
        assertThat(after.path("todos").toString()).contains("Call back " + tag, "09:30–10:15");
        assertThat(todos.forTicket(agent.accountId(), ticket.externalId()))
                .anySatisfy(t -> assertThat(t.todo().startsAt()).isEqualTo(Instant.parse("2030-03-04T08:30:00Z")));

        String seen = after.path("version").asString();
        assertThat(action(path + "/assign", token, "{\"assignee\":\"" + assignToMe + "\",\"seen\":\"" + seen
                + "\"}").statusCode()).isEqualTo(202);
        String status = after.path("statuses").findValuesAsString("value").stream()
                .filter(v -> !v.equals(ticket.status()) && !v.equals("5")).findFirst().orElseThrow();
        assertThat(action(path + "/status", token, "{\"status\":\"" + status + "\"}").statusCode()).isEqualTo(202);
        assertThat(action(path + "/notes", token, "{\"text\":\"Widget note " + tag + "\",\"visibility\":\"INTERNAL\"}")
                .statusCode()).isEqualTo(202);
        assertThat(action(path + "/time", token, "{\"minutes\":20,\"summary\":\"Widget time " + tag + "\"}")
                .statusCode()).isEqualTo(202);
        assertThat(action(path + "/time", token, "{\"minutes\":0,\"summary\":\"x\"}").statusCode()).isEqualTo(422);

        Awaitility.await().atMost(WAIT).until(() -> psa.notes(ticket.externalId()).stream()
                .anyMatch(n -> n.text().contains("Widget note " + tag))
                && psa.timeEntries(ticket.externalId()).stream().anyMatch(t -> t.summary().equals("Widget time " + tag)));
        assertThat(psa.ticketState(ticket.externalId()).assigneeId()).isEqualTo(agent.resource().externalId());
        assertThat(psa.ticketState(ticket.externalId()).status()).isEqualTo(status);
        assertThat(psa.timeEntries(ticket.externalId())).filteredOn(t -> t.summary().equals("Widget time " + tag))
                .singleElement().satisfies(t -> assertThat(t.resourceId()).isEqualTo(agent.resource().externalId()));
    }

    @Test
    void embedInstructionsGiveEachPsasUrlsAndFieldsReadyToCopy() {
        Agent autotask = agent(AUTOTASK, "Auth");
        WidgetEmbedding.Embedding at = embedding.of(autotask.accountId()).orElseThrow();
        String base = baseUrl() + "/widgets/" + autotask.key();
        assertThat(at.calendarUrl()).isEqualTo(base + "/calendar");
        assertThat(at.signIn()).isEqualTo(HelpdeskWidgets.SignIn.POPUP);
        assertThat(at.frameAncestors()).containsExactlyInAnyOrder(psaOrigin(AUTOTASK), baseUrl());
        assertThat(at.steps().get(0).text()).contains("Allow HTML widgets on shared dashboard tabs");
        assertThat(at.steps().get(0).fields().get(0).value()).contains("<iframe src=\"" + base + "/calendar\"");
        assertThat(at.steps().get(1).fields()).anySatisfy(f -> assertThat(f.value())
                .isEqualTo(base + "/ticket?ticket=[TicketID]&resource=[ResourceID]"));

        Agent connectwise = agent(CONNECTWISE, "Auth");
        WidgetEmbedding.Embedding cw = embedding.of(connectwise.accountId()).orElseThrow();
        String cwBase = baseUrl() + "/widgets/" + connectwise.key();
        assertThat(cw.signIn()).isEqualTo(HelpdeskWidgets.SignIn.PSA_MEMBER);
        assertThat(cw.steps().get(0).title()).contains("Manage Hosted API");
        assertThat(cw.steps().get(0).fields()).extracting(HelpdeskWidgets.EmbedStep.Field::value)
                .contains(cwBase + "/ticket?ticket=[cw_id]", baseUrl(), "Service Tickets");
        assertThat(cw.steps().get(1).title()).contains("Custom Menu Entry");
        assertThat(cw.steps().get(1).fields()).extracting(HelpdeskWidgets.EmbedStep.Field::value)
                .contains(cwBase + "/calendar", baseUrl());
        assertThat(cw.frameAncestors()).containsExactlyInAnyOrder(psaOrigin(CONNECTWISE), baseUrl());
    }

    private HttpResponse<String> action(String path, String token, String json) {
        return widgetApi("POST", path, token, json);
    }

    private void plan(TestUser user, long ticketId, String title, Instant start) {
        SignedInUser me = new SignedInUser(user.id(), user.accountId(), user.email(), user.displayName(), user.role());
        todos.create(me, ticketId, new TodoDraft(title, null, start, start.plus(Duration.ofMinutes(30)), null));
    }

    /** An open ticket of the agent's account not assigned to the agent, whose status can change. */
    private HelpdeskTicket openTicket(Agent agent) {
        return mirror.loadAll(agent.accountId(), MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null)
                .filter(t -> !Long.valueOf(agent.resource().externalId()).equals(t.assigneeResourceId()))
                .skip(3).findFirst().orElseThrow();
    }

    @Test
    void aConnectWiseMemberIsSignedInOnlyOnceConnectWiseConfirmsTheHandOver() {
        Agent agent = agent(CONNECTWISE, "Auth");
        var simulator = CONNECTWISE.simulator();
        String origin = psaOrigin(CONNECTWISE);
        String member = agent.resource().username();
        String company = simulator.apiMember().companyId();

        HttpResponse<String> confirmed = token(memberGrant(agent.key(), origin, company, member,
                simulator.control().mintMemberHash(agent.resource().externalId())), null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(JSON.readTree(confirmed.body()).path("signIn").asString()).isEqualTo("psa-member");
        assertThat(JSON.readTree(confirmed.body()).path("user").asString()).isEqualTo(agent.user().displayName());
        assertThat(widgetApi("GET", "/widgets/api/calendar", signedIn(confirmed).accessToken(), null).statusCode())
                .isEqualTo(200);

        // A hash ConnectWise never minted, one that expired, or one of another member than named: 401, no token.
        assertThat(token(memberGrant(agent.key(), origin, company, member, "forged-" + UUID.randomUUID()), null)
                .statusCode()).isEqualTo(401);
        String expiring = simulator.control().mintMemberHash(agent.resource().externalId());
        simulator.control().expireMemberHashes();
        HttpResponse<String> expired = token(memberGrant(agent.key(), origin, company, member, expiring), null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expired.body()).path("error").asString()).isEqualTo("not-confirmed");
        assertThat(expired.body()).doesNotContain("hzwa_");
        HelpdeskUser someoneElse = mirror.helpdeskUsers(agent.accountId(), true).stream()
                .filter(u -> u.externalId() != agent.resource().externalId()
                        && u.externalId() != simulator.apiMember().memberId() && !"A".equals(u.licenseType()))
                .findFirst().orElseThrow();
        assertThat(token(memberGrant(agent.key(), origin, company, member,
                simulator.control().mintMemberHash(someoneElse.externalId())), null).statusCode()).isEqualTo(401);
        // Another company's member, the hand-over from a page not ConnectWise's, an unmapped member.
        String fresh = simulator.control().mintMemberHash(agent.resource().externalId());
        assertThat(token(memberGrant(agent.key(), origin, "othercompany", member, fresh), null).statusCode())
                .isEqualTo(401);
        assertThat(token(memberGrant(agent.key(), baseUrl(), company, member, fresh), null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> unmapped = token(memberGrant(agent.key(), origin, company, someoneElse.username(),
                simulator.control().mintMemberHash(someoneElse.externalId())), null);
        assertThat(unmapped.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unmapped.body()).path("message").asString()).contains(someoneElse.username(),
                "Helpdesk User Mapping");
    }

    @Test
    void aConfirmedConnectWiseMemberContinuesByTheCookieUntilItIsTimeToAskConnectWiseAgain() {
        Agent agent = connect(CONNECTWISE, "Reconfirm", 1);
        var simulator = CONNECTWISE.simulator();
        String origin = psaOrigin(CONNECTWISE);
        String member = agent.resource().username();
        String company = simulator.apiMember().companyId();
        long from = CONNECTWISE.simulator().control().faults().requestLog().lastSequence();
        long asked = 0;

        HttpResponse<String> first = token(memberGrant(agent.key(), origin, company, member,
                simulator.control().mintMemberHash(agent.resource().externalId())), null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(myAccountRequests(from)).as("the first load asks ConnectWise").isEqualTo(asked + 1);

        // The next screen's hand-over names the same member: the cookie continues the sign-in, ConnectWise is not asked.
        SignedIn signedIn = signedIn(first);
        HttpResponse<String> next = token(memberGrant(agent.key(), origin, company, member,
                simulator.control().mintMemberHash(agent.resource().externalId())), signedIn.cookie());
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(JSON.readTree(next.body()).path("signIn").asString()).isEqualTo("psa-member");
        assertThat(myAccountRequests(from)).isEqualTo(asked + 1);
        SignedIn continued = signedIn(next);
        assertThat(continued.cookie()).isNotEqualTo(signedIn.cookie());
        assertThat(widgetApi("GET", "/widgets/api/calendar", continued.accessToken(), null).statusCode())
                .isEqualTo(200);

        // Another member signed in to ConnectWise in this browser: asked, and it is that member's sign-in.
        HelpdeskUser other = agent(CONNECTWISE, "Auth").resource();
        HttpResponse<String> someoneElse = token(memberGrant(agent.key(), origin, company, other.username(),
                "forged-" + UUID.randomUUID()), continued.cookie());
        assertThat(someoneElse.statusCode()).as("the cookie does not vouch for another member").isEqualTo(401);
        assertThat(myAccountRequests(from)).isEqualTo(asked + 2);

        // After memberReconfirmAfter (15 min) ConnectWise is asked again, and a hash it does not confirm ends it.
        clock.shift(Duration.ofMinutes(16));
        HttpResponse<String> stale = token(memberGrant(agent.key(), origin, company, member,
                "forged-" + UUID.randomUUID()), continued.cookie());
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(myAccountRequests(from)).isEqualTo(asked + 3);
        HttpResponse<String> reconfirmed = token(memberGrant(agent.key(), origin, company, member,
                simulator.control().mintMemberHash(agent.resource().externalId())), continued.cookie());
        assertThat(reconfirmed.statusCode()).as(reconfirmed.body()).isEqualTo(200);
        assertThat(myAccountRequests(from)).isEqualTo(asked + 4);

        // A popup sign-in's cookie never stands in for ConnectWise's confirmation.
        SignedIn popup = popupSignIn(agent, origin);
        HttpResponse<String> byPopupCookie = token(memberGrant(agent.key(), origin, company, member,
                "forged-" + UUID.randomUUID()), popup.cookie());
        assertThat(byPopupCookie.statusCode()).isEqualTo(401);
        assertThat(myAccountRequests(from)).isEqualTo(asked + 5);
    }

    private static long myAccountRequests(long afterSequence) {
        return CONNECTWISE.simulator().control().faults().requestLog().since(afterSequence).stream()
                .filter(e -> e.path().toLowerCase(java.util.Locale.ROOT).endsWith("/system/myaccount")).count();
    }

    private static ObjectNode memberGrant(String key, String origin, String company, String member, String hash) {
        ObjectNode body = JSON.createObjectNode();
        body.put("grant", "psa-member").put("key", key).put("origin", origin);
        body.putObject("member").put("site", "127.0.0.1").put("companyid", company).put("memberid", member)
                .put("memberHash", hash).put("memberContext", UUID.randomUUID().toString())
                .put("memberEmail", "someone@example.test");
        return body;
    }
}
