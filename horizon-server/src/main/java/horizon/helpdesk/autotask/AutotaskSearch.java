package horizon.helpdesk.autotask;

import horizon.helpdesk.RecordQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON body of an Autotask query ({@code POST {Entity}/query} and {@code query/count}): top-level conditions,
 * which Autotask ANDs, and at most 500 records a page.
 *
 * <p>Results are read with an id cursor ({@code id gt last}) rather than {@code nextPageUrl}: Autotask sorts every
 * query by id, a cursor survives a restart, and it lets several segments ({@code id lte}) be read in parallel.
 */
final class AutotaskSearch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<ObjectNode> conditions = new ArrayList<>();

    private AutotaskSearch() {
    }

    /** A search with no condition yet. */
    static AutotaskSearch where() {
        return new AutotaskSearch();
    }

    /** The search for a neutral record query on the given collection. */
    static AutotaskSearch of(AutotaskCollection collection, RecordQuery query) {
        AutotaskSearch search = where().idAbove(query.idAbove());
        if (query.idAtMost() != null) {
            search.compare("lte", "id", query.idAtMost());
        }
        if (query.changedSince() != null) {
            if (collection.watermark() == null) {
                throw new IllegalArgumentException(collection.path() + " has no change date to filter on");
            }
            search.since(collection.watermark(), query.changedSince());
        }
        if (query.changedBefore() != null) {
            if (collection.watermark() == null) {
                throw new IllegalArgumentException(collection.path() + " has no change date to filter on");
            }
            search.before(collection.watermark(), query.changedBefore());
        }
        if (!query.ticketIds().isEmpty()) {
            if (collection != AutotaskCollection.TICKET_NOTES && collection != AutotaskCollection.TIME_ENTRIES) {
                throw new IllegalArgumentException(collection.path() + " cannot be filtered by ticket");
            }
            search.in("ticketID", query.ticketIds());
        }
        if (!query.ids().isEmpty()) {
            // RecordQuery caps ids at 500, Autotask's limit on an 'in' list: one request, whatever the entity
            search.in("id", query.ids());
        }
        return search;
    }

    /** The ticket with this ticket number ({@code ticketNumber eq}); numbers are unique in an Autotask database. */
    static AutotaskSearch ticketNumber(String number) {
        return where().idAbove(0).equalTo("ticketNumber", number);
    }

    /**
     * Only ids above {@code id}. The start of a read ({@code 0}) is sent as {@code id gte 0} rather than left out:
     * Autotask's own company has id 0, and a query should always carry a filter.
     */
    AutotaskSearch idAbove(long id) {
        return id == 0 ? compare("gte", "id", 0L) : compare("gt", "id", id);
    }

    /** Only records whose date-time field is at or after {@code instant}, sent as UTC with Z. */
    AutotaskSearch since(String field, Instant instant) {
        ObjectNode condition = condition("gte", field);
        condition.put("value", AutotaskDates.format(instant));
        conditions.add(condition);
        return this;
    }

    /** Only records whose field holds one of the ids (at most 500, Autotask's limit on alternatives). */
    AutotaskSearch in(String field, Collection<Long> ids) {
        if (ids.isEmpty() || ids.size() > 500) {
            throw new IllegalArgumentException("an 'in' filter takes 1 to 500 ids, got " + ids.size());
        }
        ObjectNode condition = condition("in", field);
        ArrayNode values = condition.putArray("value");
        ids.forEach(values::add);
        conditions.add(condition);
        return this;
    }

    /** Only records whose date-time field is before {@code instant}, sent as UTC with Z. */
    AutotaskSearch before(String field, Instant instant) {
        ObjectNode condition = condition("lt", field);
        condition.put("value", AutotaskDates.format(instant));
        conditions.add(condition);
        return this;
    }

    /** Only records whose text field equals {@code value} (Autotask compares text without regard to case). */
    AutotaskSearch equalTo(String field, String value) {
        ObjectNode condition = condition("eq", field);
        condition.put("value", value);
        conditions.add(condition);
        return this;
    }

    AutotaskSearch compare(String op, String field, long value) {
        ObjectNode condition = condition(op, field);
        condition.put("value", value);
        conditions.add(condition);
        return this;
    }

    /** The body of a page query: the first 500 (or {@code maxRecords}) matching records by id. */
    ObjectNode page(int maxRecords) {
        ObjectNode body = NODES.objectNode();
        body.put("MaxRecords", maxRecords);
        body.set("filter", filter());
        return body;
    }

    /** The body of {@code query/count}. */
    ObjectNode count() {
        ObjectNode body = NODES.objectNode();
        body.set("filter", filter());
        return body;
    }

    private ArrayNode filter() {
        ArrayNode filter = NODES.arrayNode();
        conditions.forEach(c -> filter.add(c.deepCopy()));
        return filter;
    }

    private static ObjectNode condition(String op, String field) {
        ObjectNode condition = NODES.objectNode();
        condition.put("op", op);
        condition.put("field", field);
        return condition;
    }
}
