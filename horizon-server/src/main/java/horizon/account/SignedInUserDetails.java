package horizon.account;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Form login's view of a Horizon user; the password hash is erased once the login has been checked. */
final class SignedInUserDetails implements UserDetails, CredentialsContainer {

    private final SignedInUser user;
    private final boolean enabled;
    private String passwordHash;

    SignedInUserDetails(SignedInUser user, boolean enabled, String passwordHash) {
        this.user = user;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
    }

    SignedInUser user() {
        return user;
    }

    static List<GrantedAuthority> authorities(Role role) {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities(user.role());
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "SignedInUserDetails[userId=" + user.userId() + ", accountId=" + user.accountId() + "]";
    }
}
