package horizon.simulator.autotask.query;

import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Runs a query over an id-ordered table with an id cursor, which is how Autotask's paging tokens work. */
public final class Pager {
    private Pager() {
    }

    /** The page after {@code afterId} (exclusive; null = from the start). */
    public static Page forward(Table table, Query query, Long afterId) {
        NavigableMap<Long, Row> range = candidates(table, query);
        Iterable<Row> source = afterId == null ? range.values() : after(range, afterId).values();
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
        boolean prev = afterId != null && !page.isEmpty() && anyMatch(before(range, page.get(0).id())
                .descendingMap().values(), filter);
        return new Page(page, more, prev);
    }

    /** The page that ends just before {@code beforeId}, for prevPageUrl. */
    public static Page backward(Table table, Query query, long beforeId) {
        NavigableMap<Long, Row> range = candidates(table, query);
        List<Row> page = new ArrayList<>();
        Predicate<Row> filter = query.filter();
        boolean more = false;
        for (Row row : before(range, beforeId).descendingMap().values()) {
            if (filter.test(row)) {
                if (page.size() == query.maxRecords()) {
                    more = true;
                    break;
                }
                page.add(row);
            }
        }
        Collections.reverse(page);
        boolean next = anyMatch(from(range, beforeId).values(), filter);
        return new Page(page, next, more);
    }

    public static long count(Table table, Query query) {
        Predicate<Row> filter = query.filter();
        long n = 0;
        for (Row row : candidates(table, query).values()) {
            if (filter.test(row)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The rows that can match: those in the query's id range and, when its lookup field is indexed, holding one of
     * the looked-up values; an empty map when the id conditions contradict each other.
     */
    private static NavigableMap<Long, Row> candidates(Table table, Query query) {
        if (query.idFrom() > query.idTo()) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<Long, Row> rows = table.rows();
        Optional<NavigableSet<Long>> looked = query.lookupField() < 0 ? Optional.empty()
                : table.idsWhere(query.lookupField(), query.lookupValues());
        if (looked.isEmpty()) {
            return rows.subMap(query.idFrom(), true, query.idTo(), true);
        }
        NavigableMap<Long, Row> found = new TreeMap<>();
        for (Long id : looked.get().subSet(query.idFrom(), true, query.idTo(), true)) {
            Row row = rows.get(id);
            if (row != null) {
                found.put(id, row);
            }
        }
        return found;
    }

    // A paging token's id may lie outside the query's id range (a crafted or stale token); a sub-map refuses keys
    // outside its bounds, so these clamp instead.

    private static NavigableMap<Long, Row> after(NavigableMap<Long, Row> range, long id) {
        return range.isEmpty() || id < range.firstKey() ? range
                : id >= range.lastKey() ? Collections.emptyNavigableMap() : range.tailMap(id, false);
    }

    private static NavigableMap<Long, Row> from(NavigableMap<Long, Row> range, long id) {
        return range.isEmpty() || id <= range.firstKey() ? range
                : id > range.lastKey() ? Collections.emptyNavigableMap() : range.tailMap(id, true);
    }

    private static NavigableMap<Long, Row> before(NavigableMap<Long, Row> range, long id) {
        return range.isEmpty() || id > range.lastKey() ? range
                : id <= range.firstKey() ? Collections.emptyNavigableMap() : range.headMap(id, false);
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
