package horizon.mirror;

import java.sql.DatabaseMetaData;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives PostgreSQL's planner statistics for a mirror table as soon as it holds rows.
 *
 * <p>Why: a mirror table that was never analyzed has no statistics on {@code account_id}, and the planner then
 * rates "{@code account_id = ?}" as matching about one row. Every index that starts with {@code account_id} looks
 * as cheap as the primary key, and it may look a key up through, say, {@code (account_id, remote_updated_at)} with
 * {@code external_id} as a filter: one read of every row of the account per record, so a first backfill into a
 * fresh database slows down with the square of its size until autovacuum's first analyze, about a minute and tens
 * of thousands of rows later. Once {@code account_id} has statistics the primary key wins for good, however the
 * table grows, so one {@code ANALYZE} per table per process is enough.
 *
 * <p>H2 plans these lookups on the primary key without statistics; there this does nothing.
 */
@Component
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private static final String HAS_STATISTICS = """
            select count(*) from pg_stats
             where schemaname = current_schema() and tablename = ? and attname = 'account_id'
            """;

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

    /**
     * Analyzes {@code table} if PostgreSQL has no statistics on it yet. Call after writing rows, inside the writing
     * transaction: ANALYZE counts that transaction's own rows, and its statistics commit (or roll back) with them.
     */
    void afterInsert(String table) {
        if (!postgres || known.contains(table)) {
            return;
        }
        if (hasStatistics(table)) {
            known.add(table);
            return;
        }
        // The table name comes from MirroredEntity, never from input. Tried once per table: a database user that does
        // not own the table gets a warning instead of statistics, and trying on every batch would not change that.
        jdbc.execute("analyze " + table);
        known.add(table);
        log.info("planner statistics table={} analyzed={}", table, hasStatistics(table));
    }

    private boolean hasStatistics(String table) {
        Integer count = jdbc.queryForObject(HAS_STATISTICS, Integer.class, table);
        return count != null && count > 0;
    }
}
