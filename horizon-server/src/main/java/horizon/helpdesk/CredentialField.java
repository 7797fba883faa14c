package horizon.helpdesk;

import java.util.List;

/**
 * One value an admin copies out of the PSA to let Horizon in, as a connector describes it: the wizard, the
 * configuration page and the REST API render and check every PSA's credentials from these descriptions alone.
 *
 * @param name        the key in {@link HelpdeskCredentials} and the form field's name, e.g. {@code publicKey}
 * @param label       what the form calls it, e.g. "Public key"
 * @param help        where the admin finds the value in the PSA, one or two sentences
 * @param secret      shown as a password field, never shown again once stored, never in a log
 * @param required    whether the test refuses to run without it
 * @param choices     the values offered in a list (a site, a data centre); empty for free text
 * @param identity    the field the configuration page shows partly (its first characters) so the admin recognises
 *                    which API user is connected; at most one per connector, never a secret
 */
public record CredentialField(String name, String label, String help, boolean secret, boolean required,
                              List<Choice> choices, boolean identity) {

    public CredentialField {
        choices = List.copyOf(choices);
        if (secret && identity) {
            throw new IllegalArgumentException(name + ": a secret cannot be shown as the identity");
        }
    }

    /** A required free-text field. */
    public static CredentialField text(String name, String label, String help) {
        return new CredentialField(name, label, help, false, true, List.of(), false);
    }

    /** A required secret. */
    public static CredentialField secret(String name, String label, String help) {
        return new CredentialField(name, label, help, true, true, List.of(), false);
    }

    /** This field, shown partly on the configuration page. */
    public CredentialField asIdentity() {
        return new CredentialField(name, label, help, secret, required, choices, true);
    }

    /** This field, offered as a list of choices. */
    public CredentialField withChoices(List<Choice> offered) {
        return new CredentialField(name, label, help, secret, required, offered, identity);
    }

    /**
     * One value of a choice field.
     *
     * @param value what is stored, e.g. {@code api-na.myconnectwise.net}
     * @param label what the list shows, e.g. "North America"
     */
    public record Choice(String value, String label) {
    }

    /**
     * Why a value cannot be used as entered; found before any call to the PSA.
     *
     * @param field   the field's name
     * @param label   the field's label
     * @param message what is wrong, in the admin's words
     */
    public record Problem(String field, String label, String message) {
    }
}
