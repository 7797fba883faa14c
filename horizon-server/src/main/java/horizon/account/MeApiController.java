package horizon.account;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who the bearer token belongs to. */
@RestController
class MeApiController {

    /** The caller as the API describes them. */
    record Me(long userId, long accountId, String accountName, String email, String displayName, Role role) {
    }

    private final CurrentUser currentUser;
    private final Accounts accounts;

    MeApiController(CurrentUser currentUser, Accounts accounts) {
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/me")
    Me me() {
        SignedInUser user = currentUser.get();
        String accountName = accounts.account(user.accountId()).map(Account::name).orElseThrow();
        return new Me(user.userId(), user.accountId(), accountName, user.email(), user.displayName(), user.role());
    }
}
