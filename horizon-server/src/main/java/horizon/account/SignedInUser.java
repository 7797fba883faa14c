package horizon.account;

/** The user behind the current request, signed in by form login or by a personal API token. */
public record SignedInUser(long userId, long accountId, String email, String displayName, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
