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
    void healthAndPrometheusArePublic() {
        WebSession web = web();
        WebSession.Page health = web.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        WebSession.Page metrics = web.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(web.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(web.get("/css/horizon.css").status()).isEqualTo(200);
    }
}
