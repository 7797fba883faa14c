package horizon.mirror;

import java.sql.DatabaseMetaData;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gives PostgreSQL's planner statistics that know an account as soon as the account has rows in a mirror table.
 *
 * <p>Why: when the statistics on {@code account_id} do not know an account (the table was never analyzed, or was
 * last analyzed when it held only other accounts' rows, which then make up all of its most common values), the
 * planner rates "{@code account_id = ?}" for it as about one row. Every index that starts with {@code account_id}
 * then looks as cheap as the primary key, and it may look a key up through, say, {@code (account_id,
 * remote_updated_at)} with {@code external_id} as a filter: one read of every row of the account per record, so that
 * account's first backfill slows down with the square of its size until autovacuum's next analyze, which on a large
 * table can be a long way off. Once the statistics know the account, the primary key wins for good however the
 * account grows.
 *
 * <p>So when a batch of at least {@value #BULK_ROWS} new rows of an account goes into a table (a backfill; a poll's
 * few rows cost nothing either way), this checks that {@code account_id}'s statistics list the account among its most
 * common values, and otherwise runs {@code ANALYZE} on the table inside the writing transaction, which counts that
 * transaction's own rows; the statistics commit (or roll back) with them. A (table, account) pair is checked once per
 * process, remembered once that transaction has committed. H2 plans these lookups on the primary key without
 * statistics; there this does nothing.
 */
@Component
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private static final String KNOWS_ACCOUNT = """
            select count(*) from pg_stats
             where schemaname = current_schema() and tablename = ? and attname = 'account_id'
               and cast(? as bigint) = any(cast(cast(most_common_vals as text) as bigint[]))
            """;

    /** New rows in one batch from which a lookup on a bad plan would cost more than checking the statistics. */
    static final int BULK_ROWS = 100;

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    PlannerStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String product = jdbc.execute((ConnectionCallback<String>) connection -> {
            DatabaseMetaData metaData = connection.getMetaData();
            return metaData.getDatabaseProductName();
        });
        this.postgres = "PostgreSQL".equalsIgnoreCase(product);
    }

    /** Call after inserting {@code rows} new rows of {@code accountId} into {@code table}, inside that transaction. */
    void afterInsert(String table, long accountId, int rows) {
        String key = table + ":" + accountId;
        if (!postgres || rows < BULK_ROWS || known.contains(key)) {
            return;
        }
        if (!knowsAccount(table, accountId)) {
            // The table name comes from MirroredEntity, never from input. A database user that does not own the
            // table gets a warning instead of statistics, and an account too small for the most common values stays
            // out of them; either way the pair is not checked again in this process.
            jdbc.execute("analyze " + table);
            log.info("planner statistics table={} account={} analyzed={}", table, accountId,
                    knowsAccount(table, accountId));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    known.add(key);
                }
            });
        } else {
            known.add(key);
        }
    }

    private boolean knowsAccount(String table, long accountId) {
        Integer count = jdbc.queryForObject(KNOWS_ACCOUNT, Integer.class, table, accountId);
        return count != null && count > 0;
    }
}
