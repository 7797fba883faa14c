package horizon.widget;

import horizon.account.HorizonUser;
import horizon.account.SignedInUser;
import horizon.account.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a widget's data request by its {@code Authorization: Bearer} access token, and nothing else (no session,
 * no cookie): the token must be valid, its user enabled, and the origin it was issued for still one its account
 * allows. Anything less leaves the request anonymous, and the widget chain answers 401 with no data.
 */
class WidgetTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final WidgetTokens tokens;
    private final UserRepository users;
    private final WidgetHosts hosts;
    private final WidgetFraming framing;

    WidgetTokenFilter(WidgetTokens tokens, UserRepository users, WidgetHosts hosts, WidgetFraming framing) {
        this.tokens = tokens;
        this.users = users;
        this.hosts = hosts;
        this.framing = framing;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            tokens.authenticate(header.substring(BEARER.length()).strip())
                    .filter(grant -> hosts.allows(grant.accountId(), grant.psaOrigin()))
                    .flatMap(grant -> user(grant).map(user -> {
                        framing.forAccount(response, grant.accountId());
                        return signIn(user, grant);
                    }));
        }
        chain.doFilter(request, response);
    }

    private Optional<HorizonUser> user(WidgetTokens.Grant grant) {
        return users.findInAccount(grant.accountId(), grant.userId()).filter(HorizonUser::enabled);
    }

    private static boolean signIn(HorizonUser user, WidgetTokens.Grant grant) {
        SignedInUser signedIn = new SignedInUser(user.id(), user.accountId(), user.email(), user.displayName(),
                user.role());
        var auth = UsernamePasswordAuthenticationToken.authenticated(signedIn, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
        auth.setDetails(grant);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        return true;
    }
}
