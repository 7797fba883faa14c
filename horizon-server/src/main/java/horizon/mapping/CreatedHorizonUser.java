package horizon.mapping;

import horizon.account.HorizonUser;

/**
 * A Horizon agent created from a helpdesk user and bound to it, with the temporary password that is shown once and
 * stored nowhere but as a bcrypt hash.
 *
 * @param user              the new Horizon user (role AGENT)
 * @param temporaryPassword the generated password to hand to the person
 */
public record CreatedHorizonUser(HorizonUser user, String temporaryPassword) {

    @Override
    public String toString() {
        return "CreatedHorizonUser[" + user.email() + "]";
    }
}
