package horizon.simulator.autotask.query;

import horizon.simulator.autotask.store.Row;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A parsed search: the compiled filter, the lower-case IncludeFields (null for all) and the page size.
 */
public record Query(Predicate<Row> filter, Set<String> include, int maxRecords) {
}
