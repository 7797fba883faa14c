package horizon.web;

import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The session cookie is {@code Secure} whenever Horizon's public address is https. Behind a TLS-terminating proxy the
 * request reaches Horizon over plain http, and a proxy that forwards no {@code X-Forwarded-Proto} would otherwise get
 * a cookie that the browser also sends over plain http. On an http address (a demo on localhost) the cookie stays as
 * {@code server.servlet.session.cookie.*} says.
 */
@Configuration(proxyBeanMethods = false)
class SecureSessionCookie {

    /** Runs after Spring Boot's own customizer (order 0), which sets the session settings from the properties. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> secureSessionCookieOnHttps(PublicUrl publicUrl) {
        return factory -> {
            if (publicUrl.https()) {
                factory.getSettings().getSession().getCookie().setSecure(true);
            }
        };
    }
}
