package horizon.helpdesk.configuration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Published, inside the transaction that stores the new connection, when an account's credentials move to another PSA
 * database (the admin confirmed it): every package removes what it holds from the old database, with
 * {@link #removeRows}, so the new one is mirrored from scratch and no record of one database is ever taken for
 * another's with the same id.
 */
public record HelpdeskDatabaseChanged(long accountId, DatabaseChange change) {

    /**
     * Removes the account's rows from the listener's own tables, in the order given (children first).
     *
     * @param tables table names the calling package owns (constants, never input)
     * @return rows removed
     */
    public int removeRows(JdbcClient jdbc, String... tables) {
        int removed = 0;
        for (String table : tables) {
            removed += jdbc.sql("delete from " + table + " where account_id = :accountId")
                    .param("accountId", accountId).update();
        }
        return removed;
    }
}
