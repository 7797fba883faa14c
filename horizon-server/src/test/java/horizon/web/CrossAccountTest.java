package horizon.web;

import horizon.helpdesk.autotask.AutotaskCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.account.Role;
import horizon.account.Timestamps;
import horizon.account.SignedInUser;
import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.Fixtures.TestUser;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.Routes;
import horizon.testsupport.WebSession;
import horizon.ticket.MirrorSeed;
import horizon.todo.Todo;
import horizon.todo.TodoDraft;
import horizon.todo.Todos;
import horizon.widget.WidgetKeys;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Two accounts, Acme and Globex. Signed in to Acme (as admin and as agent, by session and by API token), no page or
 * API route shows Globex's data, and no write naming a Globex record changes it.
 *
 * <p>Pages and API routes are discovered from the running application, so every GET route added later is covered
 * without editing this test. Writes that name a record by id are listed in {@link #foreignWrites()}: add new ones
 * there, and put data for Globex into {@link #seedGlobexData()} so its pages have something to leak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAccountTest extends HorizonTest {

    private TestAccount acme;
    private TestAccount globex;

    /**
     * A write by Acme that must leave Globex's data as it was. When it names a Globex record by id it must also be
     * refused (403 or 404); writes without ids act on Acme's own data and may succeed.
     */
    record ForeignWrite(String description, Function<TestAccount, String> path, Map<String, String> form,
                        boolean namesForeignRecord, Function<CrossAccountTest, Boolean> victimUnchanged) {
    }

    private String globexOnly;
    private long globexTodo;
    private String globexWidgetKey;
    private static final long GLOBEX_TICKET = 987654;

    @BeforeAll
    void twoAccounts() {
        acme = fixtures().account("Acme");
        globex = fixtures().account("Globex");
        seedGlobexData();
    }

    /** Data each account owns beyond the fixture's users and tokens; extend as features add tables. */
    private void seedGlobexData() {
        // Users and personal API tokens come with the fixture; a helpdesk connection with recognisable values:
        globexOnly = "globex-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        context.getBean(HelpdeskConnections.class).connect(globex.id(), HelpdeskKind.AUTOTASK,
                AutotaskCredentials.of(globexOnly + "-user", globexOnly + "-secret", globexOnly + "-code"),
                new ConnectionTestResult(
                        new HelpdeskZone(globexOnly + " zone", "https://" + globexOnly + ".example/ATServicesRest/",
                                "https://" + globexOnly + "-web.example/"),
                        new HelpdeskResource(987654321L, globexOnly + " resource"),
                        new ApiBudget(1, 10_000, 60, Instant.now()), Instant.now()));
        // A mirrored ticket with a todo on it, planned for today so calendars would show it.
        context.getBean(MirrorWriter.class).upsert(globex.id(), MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(GLOBEX_TICKET, globexOnly + " ticket", "1", null, null, MirrorSeed.T0)));
        Instant nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        globexTodo = context.getBean(Todos.class).create(new SignedInUser(globex.agent().id(), globex.id(),
                globex.agent().email(), globex.agent().displayName(), Role.AGENT), GLOBEX_TICKET,
                new TodoDraft(globexOnly + " todo", null, nextHour, nextHour.plus(1, ChronoUnit.HOURS), null))
                .todo().id();
        // What Globex's widgets reported (Widget Status), with its widget key made.
        globexWidgetKey = context.getBean(WidgetKeys.class).keyOf(globex.id());
        jdbc.sql("""
                insert into widget_events (account_id, widget, event, sign_in, detail, user_agent, created_at)
                values (:account, 'calendar', 'load-failure', 'popup', :detail, :agent, :at)
                """).param("account", globex.id()).param("detail", globexOnly + " widget failure")
                .param("agent", globexOnly + "-browser/1.0").param("at", Timestamps.column(Instant.now())).update();
    }

    /** Strings that only Globex's data contains. */
    private List<String> globexMarkers() {
        List<String> markers = new ArrayList<>(List.of(globex.name(), globex.accountKey(),
                globex.admin().email(), globex.agent().email(), globex.admin().displayName(),
                globex.agent().displayName(), globexOnly, "987654321", globexWidgetKey));
        markers.addAll(jdbc.sql("select name from api_tokens where account_id = :a").param("a", globex.id())
                .query(String.class).list());
        return markers;
    }

    @Test
    void theRouteListIsNotEmpty() {
        assertThat(Routes.accountGetPaths(context)).contains("/", "/admin", "/admin/users", "/api/v1/me");
    }

    @TestFactory
    Stream<DynamicTest> acmeSessionsNeverSeeGlobexOnAnyPage() {
        return Stream.of(acme.admin(), acme.agent()).flatMap(user -> {
            WebSession web = web();
            web.login(user.email(), user.password());
            return Routes.accountGetPaths(context).stream()
                    .filter(path -> !path.startsWith("/api/"))
                    .map(path -> DynamicTest.dynamicTest(user.role() + " GET " + path, () -> {
                        WebSession.Page page = web.open(path);
                        assertThat(page.status()).as("status of %s", path).isLessThan(500);
                        assertThat(page.body()).as("page %s as Acme %s", path, user.role())
                                .doesNotContain(globexMarkers());
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> acmeTokensNeverSeeGlobexOnAnyApiRoute() {
        return Stream.of(acme.admin(), acme.agent()).flatMap(user -> Routes.accountGetPaths(context).stream()
                .filter(path -> path.startsWith("/api/"))
                .map(path -> DynamicTest.dynamicTest(user.role() + " GET " + path, () -> {
                    HttpResponse<String> answer = apiGet(path, user.token());
                    assertThat(answer.statusCode()).as("status of %s", path).isLessThan(500);
                    assertThat(answer.body()).as("API %s as Acme %s", path, user.role())
                            .doesNotContain(globexMarkers());
                })));
    }

    @Test
    void acmeSeesItsOwnDataWhereGlobexsWouldBe() {
        WebSession web = web();
        web.login(acme.admin().email(), acme.admin().password());
        assertThat(web.open("/admin/users").body()).contains(acme.admin().email(), acme.agent().email());
        assertThat(apiGet("/api/v1/me", acme.agent().token()).body()).contains(acme.agent().email());
    }

    List<ForeignWrite> foreignWrites() {
        return List.of(
                new ForeignWrite("disable another account's user",
                        victim -> "/admin/users/" + victim.agent().id() + "/enabled", Map.of("enabled", "false"),
                        true, test -> test.canSignIn(test.globex.agent())),
                new ForeignWrite("revoke another account's API token",
                        victim -> "/admin/api-tokens/" + adminTokenId(victim) + "/revoke", Map.of(),
                        true, test -> test.apiGet("/api/v1/me", test.globex.admin().token()).statusCode() == 200),
                new ForeignWrite("change sync settings (Acme's own)",
                        victim -> "/admin/helpdesk/configuration/sync-settings",
                        Map.of("tickets", "true", "ingestWindowDays", "7", "pollingIntervalSeconds", "45"),
                        false, test -> test.context.getBean(HelpdeskConnections.class).settings(test.globex.id())
                                .ingestWindowDays() == 30),
                new ForeignWrite("complete another account's todo",
                        victim -> "/tickets/" + GLOBEX_TICKET + "/todos/" + globexTodo + "/done",
                        Map.of("version", "1", "done", "true"), true, test -> !test.globexTodo().done()),
                new ForeignWrite("delete another account's todo",
                        victim -> "/tickets/" + GLOBEX_TICKET + "/todos/" + globexTodo + "/delete",
                        Map.of("version", "1"), true, test -> test.globexTodo().version() == 1));
    }

    @TestFactory
    Stream<DynamicTest> acmeCannotChangeGlobexRecords() {
        WebSession web = web();
        web.login(acme.admin().email(), acme.admin().password());
        return foreignWrites().stream().map(write -> DynamicTest.dynamicTest(write.description(), () -> {
            web.open("/admin");
            WebSession.Page answer = web.post(write.path().apply(globex), write.form());
            if (write.namesForeignRecord()) {
                assertThat(answer.status()).as(write.description()).isIn(403, 404);
            } else {
                assertThat(answer.status()).as(write.description()).isLessThan(500);
            }
            assertThat(write.victimUnchanged().apply(this)).as("Globex unchanged after: " + write.description())
                    .isTrue();
        }));
    }

    private long adminTokenId(TestAccount victim) {
        return jdbc.sql("select id from api_tokens where account_id = :a and user_id = :u")
                .param("a", victim.id()).param("u", victim.admin().id()).query(Long.class).single();
    }

    private Todo globexTodo() {
        return context.getBean(Todos.class).find(globex.id(), globexTodo).todo();
    }

    private boolean canSignIn(TestUser user) {
        WebSession.Page answer = web().login(user.email(), user.password());
        return !answer.redirectsTo("/login");
    }
}
