package horizon.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} only for a scraper that sends {@code Authorization: Bearer <horizon.metrics.token>}:
 * the metrics name accounts' activity and the node's internals. Without a configured token nobody reads them.
 */
final class MetricsTokenFilter extends OncePerRequestFilter {

    private final byte[] token;

    MetricsTokenFilter(String token) {
        this.token = token == null ? new byte[0] : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        byte[] sent = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (token.length == 0 || !MessageDigest.isEqual(token, sent)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(token.length == 0
                    ? "Metrics are off: set horizon.metrics.token (HORIZON_METRICS_TOKEN) and scrape with it as a "
                    + "bearer token.\n"
                    : "Scrape with Authorization: Bearer <horizon.metrics.token>.\n");
            return;
        }
        chain.doFilter(request, response);
    }
}
