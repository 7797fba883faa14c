package horizon.simulator.autotask.query;

import horizon.simulator.autotask.store.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Predicate;

/** Runs a query over an id-ordered table with an id cursor, which is how Autotask's paging tokens work. */
public final class Pager {
    private Pager() {
    }

    /** The page after {@code afterId} (exclusive; null = from the start). */
    public static Page forward(NavigableMap<Long, Row> rows, Query query, Long afterId) {
        Iterable<Row> source = afterId == null ? rows.values() : rows.tailMap(afterId, false).values();
        List<Row> page = new ArrayList<>(Math.min(query.maxRecords(), 64));
        Predicate<Row> filter = query.filter();
        boolean more = false;
        for (Row row : source) {
            if (filter.test(row)) {
                if (page.size() == query.maxRecords()) {
                    more = true;
                    break;
                }
                page.add(row);
            }
        }
        boolean prev = afterId != null && !page.isEmpty() && anyMatch(rows.headMap(page.get(0).id(), false)
                .descendingMap().values(), filter);
        return new Page(page, more, prev);
    }

    /** The page that ends just before {@code beforeId}, for prevPageUrl. */
    public static Page backward(NavigableMap<Long, Row> rows, Query query, long beforeId) {
        List<Row> page = new ArrayList<>();
        Predicate<Row> filter = query.filter();
        boolean more = false;
        for (Row row : rows.headMap(beforeId, false).descendingMap().values()) {
            if (filter.test(row)) {
                if (page.size() == query.maxRecords()) {
                    more = true;
                    break;
                }
                page.add(row);
            }
        }
        Collections.reverse(page);
        boolean next = anyMatch(rows.tailMap(beforeId, true).values(), filter);
        return new Page(page, next, more);
    }

    public static long count(NavigableMap<Long, Row> rows, Query query) {
        Predicate<Row> filter = query.filter();
        long n = 0;
        for (Row row : rows.values()) {
            if (filter.test(row)) {
                n++;
            }
        }
        return n;
    }

    private static boolean anyMatch(Iterable<Row> rows, Predicate<Row> filter) {
        for (Row row : rows) {
            if (filter.test(row)) {
                return true;
            }
        }
        return false;
    }
}
