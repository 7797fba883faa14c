package horizon.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session whose user was disabled or removed since signing in. Checked on every request of the session
 * (one look-up by primary key), so an admin who disables someone shuts them out at their next click, on every node, not
 * when their session would have expired.
 */
public class LiveSessionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LiveSessionFilter.class);

    private final UserRepository users;

    public LiveSessionFilter(UserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SignedInUserDetails details) {
            SignedInUser signedIn = details.user();
            Optional<HorizonUser> now = users.findInAccount(signedIn.accountId(), signedIn.userId());
            if (now.isEmpty() || !now.get().enabled()) {
                log.info("session ended account={} user={}: the user is {}", signedIn.accountId(), signedIn.userId(),
                        now.isEmpty() ? "gone" : "disabled");
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
