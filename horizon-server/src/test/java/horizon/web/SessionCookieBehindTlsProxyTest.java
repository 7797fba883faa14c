package horizon.web;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Horizon behind a TLS-terminating proxy: its public address is https, while requests reach it over plain http. This
 * context's own store keeps its scheduler away from the shared context's tasks.
 */
@DirtiesContext
class SessionCookieBehindTlsProxyTest extends HorizonTest {

    @DynamicPropertySource
    static void httpsPublicUrl(DynamicPropertyRegistry registry) {
        registry.add("horizon.public-url", () -> "https://horizon.example.test");
        registry.add("spring.datasource.url", () -> HorizonTest.H2_URL.replace("mem:horizon", "mem:behind-tls-proxy"));
    }

    @Test
    void theSessionCookieIsSecureEvenWhenTheProxyDoesNotSayItSpokeHttps() {
        TestAccount acme = fixtures().account("Behind a proxy");
        ProxiedClient proxy = new ProxiedClient(baseUrl(), Map.of()); // a proxy that forwards no X-Forwarded-Proto

        ProxiedClient.Answer signedIn = proxy.signIn(acme.admin().email(), acme.admin().password());

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("/login");
        assertThat(proxy.sessionCookies()).as("the login page's session and the signed-in one").hasSize(2)
                .allSatisfy(cookie -> assertThat(cookie).contains("; Secure", "; HttpOnly"));
        assertThat(proxy.get("/admin").body()).contains(acme.name());
    }
}
