package horizon.account;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user of the current request, whether signed in by form login or by a bearer token. */
@Component
public class CurrentUser {

    /** The signed-in user; throws when the request is anonymous (security config keeps those off protected routes). */
    public SignedInUser get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Nobody is signed in"));
    }

    public Optional<SignedInUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        Object principal = auth.getPrincipal();
        if (principal instanceof SignedInUserDetails details) {
            return Optional.of(details.user());
        }
        if (principal instanceof SignedInUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public long accountId() {
        return get().accountId();
    }
}
