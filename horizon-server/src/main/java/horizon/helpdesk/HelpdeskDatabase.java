package horizon.helpdesk;

import java.util.Locale;

/**
 * Which PSA database a set of credentials reaches: an Autotask database (its {@code ci}), a ConnectWise company on a
 * site. Record ids are only unique within one database, so a mirror never mixes two: new credentials for another
 * database start a fresh mirror, after the admin confirms.
 *
 * @param key  what identifies it, compared as given (e.g. {@code autotask:ci:29683},
 *             {@code connectwise:na.myconnectwise.net/acme})
 * @param name how the admin knows it, e.g. "Autotask database 29683 (America East 2)"
 */
public record HelpdeskDatabase(String key, String name) {

    public HelpdeskDatabase {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a database needs a key");
        }
        key = key.toLowerCase(Locale.ROOT);
    }

    /** Whether both name the same database. */
    public boolean sameAs(HelpdeskDatabase other) {
        return other != null && key.equals(other.key);
    }
}
