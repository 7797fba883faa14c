package horizon.widget;

import horizon.account.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may reach the widgets, ahead of {@code horizon.web.SecurityConfiguration}'s chains. Two chains:
 * <ul>
 *   <li>{@code /widgets/api/**}: widget data, stateless, only {@code Authorization: Bearer} widget access tokens (no
 *   session, no cookie, so no CSRF); the token exchange and the event beacon are open (they check keys, codes and
 *   cookies themselves); 401 JSON otherwise.</li>
 *   <li>{@code /widgets/**}: the widget pages and their script, open (they hold no data); the sign-in popup needs a
 *   first-party Horizon login and sends people to {@code /login} and back.</li>
 * </ul>
 * Both send the account's {@code frame-ancestors} ({@link WidgetFraming}) and no {@code X-Frame-Options}.
 */
@Configuration(proxyBeanMethods = false)
class WidgetSecurity {

    @Bean
    @Order(-1)
    SecurityFilterChain widgetApiChain(HttpSecurity http, WidgetTokens tokens, UserRepository users,
                                       WidgetHosts hosts, WidgetFraming framing) throws Exception {
        http.securityMatcher("/widgets/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/widgets/api/token", "/widgets/api/sign-out", "/widgets/api/events")
                        .permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable()) // bearer tokens only; the cookie endpoints demand a same-origin header
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.requireExplicitSave(true))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.disable()))
                .addFilterBefore(framingFilter(framing), HeaderWriterFilter.class)
                .addFilterBefore(new WidgetTokenFilter(tokens, users, hosts, framing),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> json(response,
                                HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                "Sign in to the widget again: its access token is missing, expired or not valid."))
                        .accessDeniedHandler((request, response, e) -> json(response,
                                HttpServletResponse.SC_FORBIDDEN, "forbidden", "Not allowed.")));
        return http.build();
    }

    @Bean
    @Order(0)
    SecurityFilterChain widgetPageChain(HttpSecurity http, WidgetFraming framing) throws Exception {
        http.securityMatcher("/widgets/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/widgets/*/sign-in").authenticated()
                        .anyRequest().permitAll())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.disable())
                        // pages set no-store themselves; the script and style carry a version and may be cached
                        .cacheControl(cache -> cache.disable()))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(framingFilter(framing), HeaderWriterFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint("/login")));
        return http.build();
    }

    private static OncePerRequestFilter framingFilter(WidgetFraming framing) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                framing.onArrival(request, response);
                chain.doFilter(request, response);
            }
        };
    }

    private static void json(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }
}
