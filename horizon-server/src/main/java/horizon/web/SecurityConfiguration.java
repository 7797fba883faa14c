package horizon.web;

import horizon.account.ApiTokenAuthenticationFilter;
import horizon.account.ApiTokens;
import horizon.account.LiveSessionFilter;
import horizon.account.SignInThrottle;
import horizon.account.SignInThrottleFilter;
import horizon.account.UserRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Who may reach what. Four chains: the metrics (a scraper's bearer token), the REST API (stateless, bearer tokens, JSON
 * errors), webhook ingress (public and CSRF-exempt: callers prove themselves by account key and signature), and the
 * pages (form login, session, CSRF, {@link #PAGE_POLICY}).
 * The widgets' two chains ({@code horizon.widget.WidgetSecurity}) come before these.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The pages' Content-Security-Policy: scripts, styles, frames and data from Horizon only, never framed (the
     * widgets, which the PSA frames, have their own in {@code horizon.widget.WidgetFraming}). Styles allow inline
     * because server-drawn bars set their width in a {@code style} attribute and htmx adds its indicator style; scripts
     * do not: pages carry no inline script or handler, their behaviour lives in {@code /js}.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No observation per security filter: with a registry present, every filter of every request would open and close
     * one, which at webhook rates costs more than the door's own work. Requests keep their {@code http.server.requests}
     * observation.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The metrics, for a scraper holding {@code horizon.metrics.token}; nobody without one. */
    @Bean
    @Order(1)
    SecurityFilterChain metricsChain(HttpSecurity http, @Value("${horizon.metrics.token:}") String token)
            throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new MetricsTokenFilter(token), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable()) // no cookies are honoured here, so there is nothing to forge
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> json(response,
                                HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                "Send a valid personal API token as: Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, e) -> json(response,
                                HttpServletResponse.SC_FORBIDDEN, "forbidden",
                                "Your role does not allow this request")));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain hookChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pageChain(HttpSecurity http, UserRepository users, SignInThrottle throttle)
            throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler toWhereTheyWere = new SavedRequestAwareAuthenticationSuccessHandler();
        toWhereTheyWere.setDefaultTargetUrl("/");
        http.addFilterAfter(new LiveSessionFilter(users), SecurityContextHolderFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/setup", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/css/**", "/js/**", "/webjars/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/tickets", "/tickets/**", "/calendar").hasAnyRole("ADMIN", "AGENT")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            throttle.succeeded(request.getParameter("username"));
                            toWhereTheyWere.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, failure) -> {
                            throttle.failed(request.getParameter("username"));
                            response.sendRedirect(request.getContextPath() + "/login?error");
                        })
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)));
        return http.build();
    }

    private static void json(HttpServletResponse response, int status, String error, String message)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }
}
