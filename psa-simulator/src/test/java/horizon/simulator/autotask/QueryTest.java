package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueryTest {
    static AutotaskSimulator sim;
    static ApiClient api;
    static List<JsonNode> tickets;
    static List<JsonNode> companies;

    @BeforeAll
    static void start() {
        sim = AutotaskSimulator.start(SimulatorOptions.defaults());
        api = ApiClient.of(sim.apiUser());
        JsonNode state = sim.control().dump().get("entities");
        tickets = list(state.get("Tickets"));
        companies = list(state.get("Companies"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static Map<String, Object> cond(String op, String field, Object value) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("op", op);
        c.put("field", field);
        if (value != null) {
            c.put("value", value);
        }
        return c;
    }

    static Map<String, Object> group(String op, Object... items) {
        return Map.of("op", op, "items", List.of(items));
    }

    static Map<String, Object> search(Object... filter) {
        return Map.of("filter", List.of(filter));
    }

    /** All ids a POST query returns, following nextPageUrl with POSTs of the same body. */
    static Set<Long> allIds(String entity, Map<String, Object> search) {
        Set<Long> ids = new TreeSet<>();
        Map<String, Object> idsOnly = new LinkedHashMap<>(search);
        idsOnly.put("IncludeFields", List.of("id"));
        search = idsOnly;
        var r = api.post("V1.0/" + entity + "/query", search);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        while (true) {
            List<Long> page = new ArrayList<>();
            r.json().get("items").forEach(i -> page.add(i.get("id").asLong()));
            assertThat(page).isSorted();
            ids.addAll(page);
            JsonNode next = r.json().get("pageDetails").get("nextPageUrl");
            if (next.isNull()) {
                return ids;
            }
            r = api.post(next.asString(), search);
            assertThat(r.status()).isEqualTo(200);
        }
    }

    static Set<Long> expected(List<JsonNode> rows, Predicate<JsonNode> p) {
        return rows.stream().filter(p).map(n -> n.get("id").asLong()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyComparisonOperator() {
        JsonNode sample = tickets.get(tickets.size() / 2);
        long status = sample.get("status").asLong();
        long id = sample.get("id").asLong();
        Instant created = Instant.parse(sample.get("createDate").asString());
        assertThat(allIds("Tickets", search(cond("eq", "status", status))))
                .isEqualTo(expected(tickets, t -> t.get("status").asLong() == status)).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("noteq", "status", 5))))
                .isEqualTo(expected(tickets, t -> t.get("status").asLong() != 5)).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("gt", "id", id)))).isEqualTo(expected(tickets, t -> t.get("id").asLong() > id));
        assertThat(allIds("Tickets", search(cond("gte", "id", id)))).isEqualTo(expected(tickets, t -> t.get("id").asLong() >= id));
        assertThat(allIds("Tickets", search(cond("lt", "id", id)))).isEqualTo(expected(tickets, t -> t.get("id").asLong() < id));
        assertThat(allIds("Tickets", search(cond("lte", "id", id)))).isEqualTo(expected(tickets, t -> t.get("id").asLong() <= id));
        // date-times: with Z, without Z, with 7 fraction digits
        String noZone = sample.get("createDate").asString().replace("Z", "");
        assertThat(allIds("Tickets", search(cond("gt", "createDate", noZone))))
                .isEqualTo(expected(tickets, t -> Instant.parse(t.get("createDate").asString()).isAfter(created)));
        assertThat(allIds("Tickets", search(cond("lte", "createDate", noZone + "0000Z"))))
                .isEqualTo(expected(tickets, t -> !Instant.parse(t.get("createDate").asString()).isAfter(created)));
        assertThat(allIds("Tickets", search(cond("beginsWith", "title", "printer"))))
                .isEqualTo(expected(tickets, t -> t.get("title").asString().toLowerCase().startsWith("printer"))).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("endsWith", "title", "FAILED OVERNIGHT"))))
                .isEqualTo(expected(tickets, t -> t.get("title").asString().toLowerCase().endsWith("failed overnight"))).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("contains", "title", "vpn"))))
                .isEqualTo(expected(tickets, t -> t.get("title").asString().toLowerCase().contains("vpn"))).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("exist", "contactID", null))))
                .isEqualTo(expected(tickets, t -> !t.get("contactID").isNull())).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("notExist", "contactID", null))))
                .isEqualTo(expected(tickets, t -> t.get("contactID").isNull())).isNotEmpty();
        List<Long> someCompanies = List.of(companies.get(1).get("id").asLong(), companies.get(2).get("id").asLong());
        assertThat(allIds("Tickets", search(cond("in", "companyID", someCompanies))))
                .isEqualTo(expected(tickets, t -> someCompanies.contains(t.get("companyID").asLong()))).isNotEmpty();
        assertThat(allIds("Tickets", search(cond("notIn", "companyID", someCompanies))))
                .isEqualTo(expected(tickets, t -> !someCompanies.contains(t.get("companyID").asLong())));
        assertThat(allIds("Companies", search(cond("eq", "isActive", true))))
                .isEqualTo(expected(companies, c -> c.get("isActive").asBoolean()));
    }

    @Test
    void idRangesCombineWithOtherConditionsInPagesCountsAndPrevPageLinks() {
        long low = tickets.get(100).get("id").asLong();
        long high = tickets.get(tickets.size() - 100).get("id").asLong();
        long status = tickets.get(200).get("status").asLong();
        Map<String, Object> range = search(cond("gt", "id", low), cond("lte", "Id", String.valueOf(high)),
                cond("eq", "status", status));
        Set<Long> expected = expected(tickets, t -> t.get("id").asLong() > low && t.get("id").asLong() <= high
                && t.get("status").asLong() == status);
        assertThat(allIds("Tickets", range)).isEqualTo(expected).isNotEmpty();
        var count = api.get("V1.0/Tickets/query/count?search=" + ApiClient.encode(range));
        assertThat(count.json().get("queryCount").asLong()).isEqualTo(expected.size());

        // The second page's prevPageUrl leads back to the first page, not to rows below the range.
        Map<String, Object> wide = search(cond("gte", "id", low), cond("lt", "id", high));
        var first = api.post("V1.0/Tickets/query", wide);
        var second = api.post(first.json().get("pageDetails").get("nextPageUrl").asString(), wide);
        var back = api.post(second.json().get("pageDetails").get("prevPageUrl").asString(), wide);
        assertThat(back.json().get("items").get(0).get("id").asLong()).isEqualTo(low);
        assertThat(first.json().get("pageDetails").get("prevPageUrl").isNull()).isTrue();

        // An id equal to one row, and contradictory bounds.
        assertThat(allIds("Tickets", search(cond("eq", "id", low)))).containsExactly(low);
        assertThat(allIds("Tickets", search(cond("gt", "id", high), cond("lt", "id", low)))).isEmpty();
    }

    @Test
    void childrenReadForManyTicketsAtOnceMatchAFullScan() {
        List<JsonNode> notes = list(sim.control().dump().get("entities").get("TicketNotes"));
        List<Long> someTickets = tickets.subList(300, 420).stream().map(t -> t.get("id").asLong()).toList();
        Set<Long> expected = expected(notes, n -> someTickets.contains(n.get("ticketID").asLong()));
        assertThat(expected).hasSizeGreaterThan(20);
        long cursor = expected.stream().skip(expected.size() / 2).findFirst().orElseThrow();
        Map<String, Object> paged = Map.of("filter", List.of(cond("in", "ticketID", someTickets),
                cond("gt", "id", cursor)), "MaxRecords", 7);

        assertThat(allIds("TicketNotes", paged)).isEqualTo(expected.stream().filter(id -> id > cursor)
                .collect(Collectors.toCollection(TreeSet::new)));
        long one = someTickets.get(0);
        assertThat(allIds("TicketNotes", search(cond("eq", "TicketID", one), cond("exist", "title", null))))
                .isEqualTo(expected(notes, n -> n.get("ticketID").asLong() == one));
        var count = api.get("V1.0/TicketNotes/query/count?search="
                + ApiClient.encode(search(cond("in", "ticketID", someTickets))));
        assertThat(count.json().get("queryCount").asLong()).isEqualTo(expected.size());
        assertThat(allIds("TicketNotes", search(cond("in", "ticketID", List.of(-1L))))).isEmpty();
        // A null among the values is left to the scan (no index holds rows without a ticket).
        assertThat(allIds("TicketNotes", search(cond("in", "ticketID", java.util.Arrays.asList(one, null)))))
                .isEqualTo(expected(notes, n -> n.get("ticketID").asLong() == one));
    }

    @Test
    void andOrNestingAndTopLevelAnd() {
        JsonNode a = tickets.get(10);
        JsonNode b = tickets.get(20);
        long priority = a.get("priority").asLong();
        var nested = search(cond("eq", "priority", priority),
                group("or", cond("eq", "companyID", a.get("companyID").asLong()),
                        group("and", cond("eq", "companyID", b.get("companyID").asLong()), cond("noteq", "status", 5))));
        assertThat(allIds("Tickets", nested)).isEqualTo(expected(tickets, t -> t.get("priority").asLong() == priority
                && (t.get("companyID").asLong() == a.get("companyID").asLong()
                || (t.get("companyID").asLong() == b.get("companyID").asLong() && t.get("status").asLong() != 5))))
                .contains(a.get("id").asLong());
    }

    @Test
    void keysFieldNamesAndOperatorsAreCaseInsensitiveAndIncludeFieldsKeepsId() {
        var r = api.post("V1.0/Tickets/query", Map.of("Filter", List.of(Map.of("OP", "EQ", "Field", "STATUS", "Value", 5)),
                "MAXRECORDS", 7, "includefields", List.of("Title", "status")));
        assertThat(r.status()).isEqualTo(200);
        JsonNode first = r.json().get("items").get(0);
        assertThat(first.propertyNames()).containsExactly("id", "status", "title");
        assertThat(r.json().get("items").size()).isEqualTo(7);
        assertThat(r.json().get("pageDetails").get("requestCount").asInt()).isEqualTo(7);
    }

    @Test
    void unknownOperatorIsSilentlyDroppedAndUnknownFieldIsA500() {
        var dropped = api.post("V1.0/Tickets/query/count", search(cond("ne", "status", 5)));
        assertThat(dropped.status()).isEqualTo(200);
        assertThat(dropped.json().get("queryCount").asInt()).isEqualTo(tickets.size());
        var unknown = api.post("V1.0/TimeEntries/query", search(cond("eq", "projectID", 1)));
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.firstError()).isEqualTo("Unable to find projectID in the TimeEntry Entity");
    }

    @Test
    void moreThan500OrConditionsIsAnError() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            items.add(cond("eq", "id", i));
        }
        var r = api.post("V1.0/Tickets/query", search(Map.of("op", "or", "items", items)));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.firstError()).isEqualTo("Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.");
        items.remove(0);
        assertThat(api.post("V1.0/Tickets/query", search(Map.of("op", "or", "items", items))).status()).isEqualTo(200);
    }

    @Test
    void userDefinedFieldsOnePerQuery() {
        var r = api.post("V1.0/Companies/query", search(Map.of("op", "eq", "field", "CustomerRanking", "udf", true, "value", "golden")));
        assertThat(r.status()).isEqualTo(200);
        Set<Long> expected = expected(companies, c -> StreamSupport.stream(c.get("userDefinedFields").spliterator(), false)
                .anyMatch(u -> u.get("name").asString().equals("CustomerRanking") && "Golden".equals(u.get("value").asString(null))));
        assertThat(allIds("Companies", search(Map.of("op", "eq", "field", "CustomerRanking", "udf", true, "value", "golden"))))
                .isEqualTo(expected).isNotEmpty();
        var two = api.post("V1.0/Companies/query", search(Map.of("op", "eq", "field", "CustomerRanking", "udf", true, "value", "Golden"),
                Map.of("op", "exist", "field", "OnboardingNotes", "udf", true)));
        assertThat(two.status()).isEqualTo(500);
    }

    @Test
    void pagingWithPostFollowsNextPageUrlAndGetOnItIs405() {
        var first = api.post("V1.0/Tickets/query", search(cond("exist", "id", null)));
        JsonNode details = first.json().get("pageDetails");
        assertThat(details.get("count").asInt()).isEqualTo(500);
        assertThat(details.get("requestCount").asInt()).isEqualTo(500);
        assertThat(details.get("prevPageUrl").isNull()).isTrue();
        String next = details.get("nextPageUrl").asString();
        assertThat(next).startsWith(sim.apiUser().zoneApiUrl() + "V1.0/Tickets/query/next?paging=");
        var trap = api.get(next);
        assertThat(trap.status()).isEqualTo(405);
        assertThat(trap.json().get("Message").asString()).isEqualTo("The requested resource does not support http method 'GET'.");
        var second = api.post(next, search(cond("exist", "id", null)));
        assertThat(second.json().get("items").get(0).get("id").asLong())
                .isGreaterThan(first.json().get("items").get(499).get("id").asLong());
        String prev = second.json().get("pageDetails").get("prevPageUrl").asString();
        var back = api.post(prev, search(cond("exist", "id", null)));
        assertThat(back.json().get("items").get(0).get("id").asLong()).isEqualTo(first.json().get("items").get(0).get("id").asLong());
        assertThat(allIds("Tickets", search(cond("exist", "id", null)))).hasSize(tickets.size()).hasSizeGreaterThan(1200);
    }

    @Test
    void pagingWithGetContinuesWithGet() {
        Map<String, Object> all = Map.of("filter", List.of(cond("exist", "id", null)), "MaxRecords", 400);
        var r = api.query("Tickets", all);
        Set<Long> ids = new TreeSet<>();
        int pages = 0;
        while (true) {
            assertThat(r.status()).isEqualTo(200);
            pages++;
            r.json().get("items").forEach(i -> ids.add(i.get("id").asLong()));
            JsonNode next = r.json().get("pageDetails").get("nextPageUrl");
            if (next.isNull()) {
                break;
            }
            assertThat(next.asString()).contains("&search=");
            r = api.get(next.asString());
        }
        assertThat(ids).hasSize(tickets.size());
        assertThat(pages).isEqualTo((tickets.size() + 399) / 400);
    }

    @Test
    void getSearchesLongerThanIisAllowsAre404() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            items.add(cond("eq", "id", 1000000 + i));
        }
        Map<String, Object> longSearch = search(Map.of("op", "or", "items", items));
        assertThat(api.query("Tickets", longSearch).status()).isEqualTo(404);
        assertThat(api.post("V1.0/Tickets/query", longSearch).status()).isEqualTo(200);
    }

    @Test
    void countGetByIdAndMaxRecordsBounds() {
        var count = api.get("V1.0/Tickets/query/count?search=" + ApiClient.encode(search(cond("eq", "status", 5))));
        assertThat(count.json().get("queryCount").asLong()).isEqualTo(expected(tickets, t -> t.get("status").asLong() == 5).size());
        long id = tickets.get(0).get("id").asLong();
        var item = api.get("V1.0/Tickets/" + id);
        assertThat(item.json().get("item").get("id").asLong()).isEqualTo(id);
        assertThat(item.json().get("item").get("ticketNumber").asString()).matches("T\\d{8}\\.\\d{4}");
        assertThat(item.json().get("item").get("createDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(api.get("V1.0/Tickets/999999999").json().get("item").isNull()).isTrue();
        assertThat(api.post("V1.0/Tickets/query", Map.of("filter", List.of(cond("exist", "id", null)), "MaxRecords", 501)).status())
                .isEqualTo(500);
        assertThat(api.post("V1.0/Tickets/query", Map.of("filter", List.of(cond("exist", "id", null)), "MaxRecords", 0)).status())
                .isEqualTo(500);
    }

    @Test
    void historySpreadsSoAThirtyDayWindowHoldsAFewHundredTickets() {
        Instant monthAgo = Instant.now().minusSeconds(30L * 86400);
        long recent = tickets.stream().filter(t -> Instant.parse(t.get("lastActivityDate").asString()).isAfter(monthAgo)).count();
        assertThat(recent).isBetween(150L, 900L);
        assertThat(tickets).hasSize(3000);
    }
}
