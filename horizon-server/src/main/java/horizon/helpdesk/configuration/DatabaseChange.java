package horizon.helpdesk.configuration;

import horizon.helpdesk.HelpdeskDatabase;
import horizon.helpdesk.HelpdeskKind;

/**
 * New credentials reach another PSA database than the stored ones (another Autotask database, another ConnectWise
 * company, another PSA). Record ids are only unique within one database, so saving them starts a fresh mirror: what
 * Horizon holds from the old one goes. Nothing is saved until the admin confirms.
 *
 * @param previousKind the stored connection's PSA
 * @param previous     its database, null when it was never recorded
 * @param nextKind     the new credentials' PSA
 * @param next         their database, null when the adapter cannot tell
 */
public record DatabaseChange(HelpdeskKind previousKind, HelpdeskDatabase previous, HelpdeskKind nextKind,
                             HelpdeskDatabase next) {

    /** Whether new credentials reach another database: another PSA, or a database known on both sides that differs. */
    static boolean between(HelpdeskKind previousKind, HelpdeskDatabase previous, HelpdeskKind nextKind,
                           HelpdeskDatabase next) {
        return previousKind != nextKind || (previous != null && next != null && !previous.sameAs(next));
    }

    /** What the admin confirms with: the new database's key (or PSA, when it has none). */
    public String confirmation() {
        return next != null ? next.key() : nextKind.name();
    }

    public String previousName() {
        return previous != null ? previous.name() : previousKind.displayName() + " (its database was not recorded)";
    }

    public String nextName() {
        return next != null ? next.name() : nextKind.displayName();
    }

    /** The question the admin answers. */
    public String question() {
        return "These credentials reach " + nextName() + ", not " + previousName() + ". Saving them starts a fresh "
                + "mirror: the tickets, notes, time entries, companies, contacts and users Horizon holds from the old "
                + "database, its picklists, user mappings, sync history, callback log, write-backs and the todos on "
                + "its tickets are removed, and everything is read again from the new one.";
    }
}
