package horizon.account;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInTest extends HorizonTest {

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        WebSession web = web();
        WebSession.Page admin = web.get("/admin");
        assertThat(admin.redirectsTo("/login")).isTrue();
        WebSession.Page login = web.get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.html().select("form input[name=_csrf]")).isNotEmpty();
        assertThat(login.html().select("link[rel=stylesheet]").attr("href")).isEqualTo("/css/horizon.css");
    }

    @Test
    void adminSignsInLandsOnTheAdminPanelAndSignsOut() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();

        WebSession.Page answer = web.login(acme.admin().email().toUpperCase(), acme.admin().password());
        assertThat(answer.redirectsTo("/")).isTrue();
        assertThat(answer.redirectsTo("/login")).isFalse();

        WebSession.Page landing = web.open("/");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.html().select("#account-name").text()).isEqualTo(acme.name());
        assertThat(landing.html().select("nav a").eachText()).contains("Users & API tokens",
                "Helpdesk Widget Status", "Callback Log"); // every admin page is built now: all are links

        WebSession.Page out = web.post("/logout", Map.of());
        assertThat(out.redirectsTo("/login")).isTrue();
        assertThat(web.get("/admin").redirectsTo("/login")).isTrue();
    }

    @Test
    void wrongPasswordIsRefused() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();
        WebSession.Page answer = web.login(acme.admin().email(), "not-the-password");
        assertThat(answer.location()).endsWith("/login?error");
        assertThat(web.get("/admin").redirectsTo("/login")).isTrue();
    }

    @Test
    void disabledUserCannotSignIn() {
        TestAccount acme = fixtures().account("Acme");
        context.getBean(Accounts.class).setEnabled(acme.id(), acme.agent().id(), false);
        WebSession.Page answer = web().login(acme.agent().email(), acme.agent().password());
        assertThat(answer.location()).endsWith("/login?error");
    }

    @Test
    void disablingAUserEndsTheSessionsTheyHaveOpen() {
        TestAccount acme = fixtures().account("Live sessions");
        Accounts accounts = context.getBean(Accounts.class);
        WebSession agent = web();
        agent.login(acme.agent().email(), acme.agent().password());
        assertThat(agent.get("/tickets").status()).isEqualTo(200);

        accounts.setEnabled(acme.id(), acme.agent().id(), false);
        assertThat(agent.get("/tickets").redirectsTo("/login")).as("the next click signs them out").isTrue();
        accounts.setEnabled(acme.id(), acme.agent().id(), true);
        assertThat(agent.get("/tickets").redirectsTo("/login")).as("the old session stays ended").isTrue();
        // Signing in again works once enabled.
        WebSession again = web();
        again.login(acme.agent().email(), acme.agent().password());
        assertThat(again.get("/tickets").status()).isEqualTo(200);
    }

    @Test
    void anEMailThatFailedFiveTimesIsRefusedEvenWithTheRightPasswordWhileOthersSignIn() {
        TestAccount acme = fixtures().account("Throttle");
        for (int i = 0; i < 5; i++) {
            assertThat(web().login(acme.agent().email(), "wrong-password-" + i).location()).endsWith("/login?error");
        }
        WebSession.Page refused = web().login(acme.agent().email(), acme.agent().password());
        assertThat(refused.location()).endsWith("/login?throttled");
        assertThat(web().get("/login?throttled").html().getElementById("login-throttled").text())
                .contains("Too many failed sign-ins");
        // Upper case is the same address; an unknown address is counted the same way, telling nothing.
        assertThat(web().login(acme.agent().email().toUpperCase(java.util.Locale.ROOT), acme.agent().password())
                .location()).endsWith("/login?throttled");
        String nobody = "nobody-" + System.nanoTime() + "@throttle.test";
        for (int i = 0; i < 5; i++) {
            assertThat(web().login(nobody, "guess-" + i).location()).endsWith("/login?error");
        }
        assertThat(web().login(nobody, "guess-5").location()).endsWith("/login?throttled");
        // Another user of the account is not affected, and a success clears that user's own count.
        WebSession admin = web();
        admin.login(acme.admin().email(), "one-wrong-password");
        assertThat(admin.login(acme.admin().email(), acme.admin().password()).location()).doesNotContain("/login");
    }

    @Test
    void agentSeesTheHomePageButNotTheAdminPanel() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();
        web.login(acme.agent().email(), acme.agent().password());
        WebSession.Page home = web.open("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains(acme.name()).doesNotContain("Integrations");
        assertThat(web.get("/admin").status()).isEqualTo(403);
        assertThat(web.get("/admin/users").status()).isEqualTo(403);
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRejected() {
        TestAccount acme = fixtures().account("Acme");
        WebSession web = web();
        web.login(acme.admin().email(), acme.admin().password());

        WebSession.Page forged = web.postRaw("/admin/api-tokens", Map.of("name", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        WebSession.Page withToken = web.post("/admin/api-tokens", Map.of("name", "genuine"));
        assertThat(withToken.status()).isEqualTo(200);

        assertThat(context.getBean(ApiTokens.class).inAccount(acme.id()))
                .extracting(ApiToken::name).contains("genuine").doesNotContain("forged");
        // a login post without the token is refused as well
        assertThat(web().postRaw("/login", Map.of("username", acme.admin().email(),
                "password", acme.admin().password())).status()).isEqualTo(403);
    }

    @Test
    void webhookPathsNeedNeitherLoginNorCsrf() {
        // No webhook route exists yet, so an unknown hook is a plain 404: not a redirect to login, not a CSRF 403.
        WebSession.Page hook = web().postRaw("/hooks/autotask/no-such-key", Map.of("id", "1"));
        assertThat(hook.status()).isEqualTo(404);
        assertThat(hook.location()).isNull();
    }

    @Test
    void healthIsPublicAndMetricsNeedTheScrapeToken() throws Exception {
        WebSession web = web();
        WebSession.Page health = web.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        WebSession.Page anonymous = web.get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("jvm_memory_used_bytes");
        // A signed-in admin's session is not a scrape token either.
        TestAccount acme = fixtures().account("Metrics");
        WebSession admin = web();
        admin.login(acme.admin().email(), acme.admin().password());
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(401);
        for (String wrong : new String[] {"Bearer " + METRICS_TOKEN + "x", "Bearer ", METRICS_TOKEN}) {
            assertThat(metrics(wrong).statusCode()).as(wrong).isEqualTo(401);
        }
        java.net.http.HttpResponse<String> scraped = metrics("Bearer " + METRICS_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        assertThat(web.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(web.get("/css/horizon.css").status()).isEqualTo(200);
    }

    private java.net.http.HttpResponse<String> metrics(String authorization) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/actuator/prometheus")).header("Authorization", authorization)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
