package horizon.mapping;

import horizon.account.HorizonUser;
import horizon.helpdesk.HelpdeskUser;
import java.time.Instant;

/**
 * A helpdesk user as the mapping page and API show it: the PSA's record, the Horizon user it is bound to (if any), and
 * otherwise the Horizon user suggested by e-mail (if any).
 *
 * @param helpdeskUser the mirrored PSA resource
 * @param mappedTo     the bound Horizon user, {@code null} when unmapped
 * @param mappedAt     when it was bound, {@code null} when unmapped
 * @param mappedBy     who bound it (display name), {@code null} when unmapped or unknown
 * @param suggestion   for an unmapped user, the unmapped Horizon user with the same e-mail; else {@code null}
 */
public record MappedHelpdeskUser(HelpdeskUser helpdeskUser, HorizonUser mappedTo, Instant mappedAt, String mappedBy,
                                 HorizonUser suggestion) {

    public boolean mapped() {
        return mappedTo != null;
    }

    public long externalId() {
        return helpdeskUser.externalId();
    }

    /** "First Last", falling back to the PSA username, then the e-mail, then the id. */
    public String displayName() {
        return displayName(helpdeskUser);
    }

    static String displayName(HelpdeskUser user) {
        String name = (blankToEmpty(user.firstName()) + " " + blankToEmpty(user.lastName())).strip();
        if (!name.isEmpty()) {
            return name;
        }
        if (user.username() != null && !user.username().isBlank()) {
            return user.username().strip();
        }
        if (user.email() != null && !user.email().isBlank()) {
            return user.email().strip();
        }
        return "Resource " + user.externalId();
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
