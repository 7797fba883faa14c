package horizon.web;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Horizon on a plain-http address (no HORIZON_PUBLIC_URL, as in a demo on localhost), and the X-Forwarded-* headers a
 * proxy on the same machine sends.
 */
class SessionCookieTest extends HorizonTest {

    @Test
    void onAPlainHttpAddressTheSessionCookieIsNotSecureSoLocalhostKeepsWorking() {
        TestAccount acme = fixtures().account("Plain http");
        ProxiedClient direct = new ProxiedClient(baseUrl(), Map.of());

        ProxiedClient.Answer signedIn = direct.signIn(acme.admin().email(), acme.admin().password());

        assertThat(signedIn.location()).isEqualTo(baseUrl() + "/");
        assertThat(direct.sessionCookies()).hasSize(2)
                .allSatisfy(cookie -> assertThat(cookie).contains("; HttpOnly").doesNotContain("Secure"));
        assertThat(direct.get("/admin").body()).contains(acme.name());
    }

    @Test
    void redirectsAndTheCookieFollowTheSchemeAndHostTheProxyForwards() {
        TestAccount acme = fixtures().account("Forwarded");
        ProxiedClient proxy = new ProxiedClient(baseUrl(),
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "horizon.example.test"));

        assertThat(proxy.get("/admin").location()).isEqualTo("https://horizon.example.test/login");
        ProxiedClient.Answer signedIn = proxy.signIn(acme.admin().email(), acme.admin().password());

        assertThat(signedIn.location()).startsWith("https://horizon.example.test/admin");
        assertThat(proxy.sessionCookies()).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("; Secure"));
    }
}
