package horizon.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks up the user form login signs in, by e-mail in any letter case. */
@Service
class HorizonUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    HorizonUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findLogin(Accounts.normalizeEmail(email))
                .map(login -> new SignedInUserDetails(login.user().signedIn(), login.user().enabled(),
                        login.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
