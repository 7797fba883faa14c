package horizon.simulator.autotask.query;

import horizon.simulator.autotask.store.Row;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A parsed search: the compiled filter, the lower-case IncludeFields (null for all), the page size, and what the
 * filter's top-level conditions say about where matching rows can be, so a page need not test every row of the
 * table: the id range its {@code id} conditions allow (inclusive; the whole range when there are none) and the
 * values of its first top-level {@code eq}/{@code in} condition ({@code lookupField} is -1 when there is none). Both
 * only narrow which rows are looked at; every row looked at still goes through the filter.
 */
public record Query(Predicate<Row> filter, Set<String> include, int maxRecords, long idFrom, long idTo,
                    int lookupField, Set<Object> lookupValues) {
}
