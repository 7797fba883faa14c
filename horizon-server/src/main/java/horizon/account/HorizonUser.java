package horizon.account;

import java.time.Instant;

/** A person who signs in to Horizon, belonging to exactly one account. */
public record HorizonUser(long id, long accountId, String email, String displayName, Role role, boolean enabled,
                          Instant createdAt) {

    SignedInUser signedIn() {
        return new SignedInUser(id, accountId, email, displayName, role);
    }
}
