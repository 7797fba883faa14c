package horizon.sync;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import org.springframework.stereotype.Component;

/** Who asked for a sync, as shown in a run's "triggered by". */
@Component
class SyncRequests {

    private final CurrentUser currentUser;

    SyncRequests(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** The signed-in user's e-mail, or "system" when no one is signed in (another feature's background work). */
    String requester() {
        String email = currentUser.find().map(SignedInUser::email).orElse("system");
        return email.length() > 100 ? email.substring(0, 100) : email;
    }
}
