package horizon.ticket;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI description of {@code /api/v1} (springdoc): JSON at {@code /api/openapi.json}, Swagger UI at
 * {@code /api/docs}. Both are public so that a script author can read them before having a token; every operation
 * they describe still needs {@code Authorization: Bearer <token>}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String BEARER = "bearer";

    /** The documentation paths (springdoc.api-docs.path and springdoc.swagger-ui.path with their resources). */
    static final String[] DOCS_PATHS = {"/api/openapi.json", "/api/openapi.json/**", "/api/openapi.json.yaml",
            "/api/docs", "/api/docs/**", "/api/swagger-ui/**", "/swagger-ui/**"};

    /**
     * Swagger UI's Content-Security-Policy: the pages' policy, plus the {@code data:} images its stylesheet draws icons
     * with. Its scripts are files too, so scripts stay Horizon's own.
     */
    static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    OpenAPI horizonOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Horizon REST API").version("v1")
                        .description("Read the helpdesk data Horizon mirrors from your PSA (tickets with notes and "
                                + "time entries, companies, contacts, helpdesk users, picklists), manage user "
                                + "mappings, and plan todos on tickets and read the calendar. Authenticate with a "
                                + "personal API token created on Admin → Users & API tokens, sent as "
                                + "`Authorization: Bearer <token>`. Every answer is limited to the token owner's "
                                + "account."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A personal API token (Admin → Users & API tokens)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Ahead of the API chain (which matches /api/**) so the documentation needs no token. */
    @Bean
    @Order(0)
    SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
        http.securityMatcher(DOCS_PATHS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable()) // read-only GETs, no session
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(DOCS_POLICY)));
        return http.build();
    }
}
