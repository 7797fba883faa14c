package horizon.simulator.autotask.query;

import horizon.simulator.autotask.store.Row;
import java.util.List;

/**
 * One page of a query.
 *
 * @param rows    the matching rows in id order
 * @param hasNext more rows match after the last one
 * @param hasPrev rows match before the first one
 */
public record Page(List<Row> rows, boolean hasNext, boolean hasPrev) {
}
