package horizon.simulator.connectwise.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.connectwise.ConnectWiseControl;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import horizon.simulator.core.conformance.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every ConnectWise collection the simulator serves, over real HTTP: the request this test sends and the simulator's
 * answer (status, content type, body) are validated against ConnectWise's OpenAPI description of Manage 2026.4 (GET
 * operations). Only the named {@link Divergence} rules may excuse a complaint of the validator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectionConformanceTest {
    /** The simulator's collections that the GET description does not have (it lacks security roles and callbacks). */
    private static final Set<Kind> NOT_DESCRIBED = EnumSet.of(Kind.SECURITY_ROLES, Kind.CALLBACKS);
    /** Every collection the simulator serves that the description has. */
    private static final List<Kind> COLLECTIONS = Arrays.stream(Kind.values())
            .filter(kind -> !NOT_DESCRIBED.contains(kind)).toList();
    /** An id no generated record has; within int32, so the request itself conforms. */
    private static final long UNKNOWN = 987_654_321L;

    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static OpenApiContract contract;
    private static ConnectWiseSimulator sim;
    private static ConnectWiseControl control;
    private static Wire wire;
    /** A ticket with at least three notes, internal and not: the parent of the notes collection. */
    private static long ticket;
    /** The first service board: the parent of statuses, types, subtypes, items and teams. */
    private static long board;
    private static long technician;

    @FunctionalInterface
    interface Check {
        void run();
    }

    /** What a collection is probed with: a {@code fields} selection and {@code conditions} that keep some rows. */
    private record Probe(String fields, String conditions) {
    }

    @BeforeAll
    static void start() {
        contract = OpenApiContract.shared();
        // a bit smaller than standard: every collection still has several pages
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(30, 200, 10, 1000, 12))
                .withRequestsPerMinute(100_000));
        control = sim.control();
        wire = Wire.as(sim);
        board = control.records(Kind.BOARDS).get(0).get("id").asLong();
        technician = control.technicians().get(0);
        Map<Long, List<JsonNode>> notesByTicket = control.records(Kind.NOTES).stream()
                .collect(Collectors.groupingBy(n -> n.get("ticketId").asLong(), LinkedHashMap::new, Collectors.toList()));
        ticket = notesByTicket.entrySet().stream()
                .filter(e -> e.getValue().size() >= 3)
                .filter(e -> e.getValue().stream().anyMatch(n -> n.get("internalAnalysisFlag").asBoolean()))
                .filter(e -> e.getValue().stream().anyMatch(n -> !n.get("internalAnalysisFlag").asBoolean()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** JUnit asks for a template's arguments when it runs, after {@link #start()}: the fixture ids are set by then. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind c : COLLECTIONS) {
            String label = c.model() + " · GET /" + specPath(c).substring(1);
            cases.add(of(label + " (list)", () -> list(c)));
            cases.add(of(label + "/{id}", () -> item(c)));
            cases.add(of(label + "/count", () -> count(c)));
            cases.add(of(label + "?fields=", () -> fields(c)));
            cases.add(of(label + "?conditions= (and /count with the same conditions)", () -> conditions(c)));
            cases.add(of(label + "?page=&pageSize= (navigable, following Link)", () -> navigable(c)));
            cases.add(of(label + "?pageId= (pagination-type: forward-only, following Link)", () -> forwardOnly(c)));
            cases.add(of(label + "/{id} of an unknown id → 404", () -> cwError(wire.get(path(c) + "/" + UNKNOWN), 404)));
            cases.add(of(label + "?conditions= naming an unknown field → 400", () -> cwError(wire.get(path(c)
                    + "?conditions=" + Wire.encode("noSuchField = 1")), 400)));
            if (c.parent().isPresent()) {
                cases.add(of(label + " under an unknown parent → 404", () -> cwError(wire.get(
                        specPath(c).substring(1).replace("{parentId}", String.valueOf(UNKNOWN))), 404)));
            }
        }
        cases.add(of("Ticket · GET /service/tickets/{id}?fields=", () -> {
            long id = firstId(Kind.TICKETS);
            Exchange x = ok(wire.get("service/tickets/" + id + "?fields=" + Wire.encode("id,summary,company/name")));
            assertThat(x.json().propertyNames()).as(x.describe()).containsExactlyInAnyOrder("id", "summary", "company");
            assertThat(x.json().get("company").propertyNames()).as(x.describe()).containsExactly("name");
        }));
        cases.add(of("Ticket · GET without Accept: the newest model, version=2026.4", () -> {
            Exchange x = ok(wire.without("Accept").get("service/tickets?pageSize=3"));
            assertThat(x.header("Content-Type")).as(x.describe()).contains("version=2026.4");
        }));
        writes(cases);
        errors(cases);
        for (NotSimulated group : NotSimulated.values()) {
            for (String template : group.paths()) {
                cases.add(of("not simulated (" + group + ") · GET " + template + " → 404",
                        () -> errorBody(wire.get(concrete(template)), 404)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void conformsToTheOpenApiDescription(String name, Check check) {
        check.run();
    }

    /**
     * Runs after the cases: every GET the description has for a served collection (its list, item and count) was
     * called by some case above; every other path of the description under a served collection is listed in
     * {@link NotSimulated}; the simulator's collections the description lacks are still absent from it; and every
     * divergence rule was needed.
     */
    @Test
    @Order(2)
    void everyOperationOfTheServedCollectionsWasExercised() {
        List<String> operations = contract.operations();
        assertThat(operations).allMatch(op -> op.startsWith("GET /"));
        List<String> served = operations.stream().filter(op -> COLLECTIONS.stream()
                .anyMatch(c -> servedShapes(c).contains(op))).sorted().toList();
        assertThat(served).hasSize(COLLECTIONS.size() * 3);
        assertThat(contract.exercised()).containsAll(served);

        List<String> unserved = operations.stream().filter(op -> !served.contains(op))
                .map(op -> op.substring("GET ".length()))
                .filter(path -> COLLECTIONS.stream().anyMatch(c -> path.startsWith(specPath(c) + "/")))
                .sorted().toList();
        assertThat(unserved).as("paths under a served collection that are neither exercised nor listed in NotSimulated")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(NotSimulated.values())
                        .flatMap(group -> group.paths().stream()).toList());

        for (Kind kind : NOT_DESCRIBED) {
            assertThat(operations).as("the description now has " + kind + ": give it cases")
                    .noneMatch(op -> op.equals("GET " + specPath(kind)) || op.startsWith("GET " + specPath(kind) + "/"));
        }
        // and no whitelist rule is dead: each one excused a real complaint of the validator in the cases above
        assertThat(Divergence.used()).containsExactlyInAnyOrder(Divergence.values());
    }

    private static Arguments of(String name, Check check) {
        return Arguments.of(name, check);
    }

    // ---- the GETs ----

    private static void list(Kind c) {
        Exchange x = ok(wire.get(path(c)));
        assertThat(x.json().isArray() && !x.json().isEmpty()).as(x.describe()).isTrue();
        assertThat(x.json().size()).as("default page size, " + x.describe()).isLessThanOrEqualTo(25);
    }

    private static void item(Kind c) {
        long id = firstId(c);
        Exchange x = ok(wire.get(path(c) + "/" + id));
        assertThat(x.json().get("id").asLong()).as(x.describe()).isEqualTo(id);
    }

    private static void count(Kind c) {
        Exchange x = ok(wire.get(path(c) + "/count"));
        assertThat(x.json().propertyNames()).as(x.describe()).containsExactly("count");
        assertThat(x.json().get("count").asInt()).as(x.describe()).isEqualTo(rows(c).size());
    }

    private static void fields(Kind c) {
        String selection = probe(c).fields();
        Exchange x = ok(wire.get(path(c) + "?pageSize=5&fields=" + Wire.encode(selection)));
        assertThat(x.json().isEmpty()).as(x.describe()).isFalse();
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String field : selection.split(",")) {
            String[] parts = field.split("/");
            Set<String> below = wanted.computeIfAbsent(parts[0], f -> new java.util.HashSet<>());
            if (parts.length > 1) {
                below.add(parts[1]);
            }
        }
        for (JsonNode row : x.json()) {
            assertThat(row.propertyNames()).as(x.describe()).contains("id").isSubsetOf(wanted.keySet());
            wanted.forEach((field, below) -> {
                if (!below.isEmpty() && row.has(field)) {
                    assertThat(row.get(field).propertyNames()).as(x.describe()).isSubsetOf(below);
                }
            });
        }
    }

    private static void conditions(Kind c) {
        String conditions = Wire.encode(probe(c).conditions());
        Exchange x = ok(wire.get(path(c) + "?pageSize=1000&conditions=" + conditions));
        int kept = x.json().size();
        assertThat(kept).as("the conditions keep some rows and drop others: " + x.describe())
                .isPositive().isLessThan(rows(c).size());
        Exchange count = ok(wire.get(path(c) + "/count?conditions=" + conditions));
        assertThat(count.json().get("count").asInt()).as(count.describe()).isEqualTo(kept);
    }

    /** page 1, its Link's next and last: each page conforms, pages follow in id order. */
    private static void navigable(Kind c) {
        int size = pageSize(c);
        Exchange first = ok(wire.get(path(c) + "?pageSize=" + size + "&page=1"));
        assertThat(first.json().size()).as(first.describe()).isEqualTo(size);
        assertThat(first.link("first")).as(first.header("Link")).isPresent();
        assertThat(first.link("prev")).as(first.header("Link")).isEmpty();
        Exchange second = ok(wire.get(first.link("next").orElseThrow(() -> new AssertionError("no next: " + first.header("Link")))));
        assertThat(first.link("next").get()).contains("page=2");
        assertThat(ids(second).get(0)).as(second.describe()).isGreaterThan(last(ids(first)));
        assertThat(second.link("prev")).as(second.header("Link")).isPresent();
        Exchange lastPage = ok(wire.get(first.link("last").orElseThrow()));
        assertThat(lastPage.json().isEmpty()).as(lastPage.describe()).isFalse();
        assertThat(lastPage.link("next")).as(lastPage.header("Link")).isEmpty();
    }

    /**
     * {@code pagination-type: forward-only}: the first page, then the Link's next ({@code pageId}) up to eight pages,
     * or to the end when the collection is small, where the pages together must be the whole collection in id order.
     */
    private static void forwardOnly(Kind c) {
        Wire forward = wire.with("pagination-type", "forward-only");
        int size = pageSize(c);
        List<Long> seen = new ArrayList<>();
        Exchange page = ok(forward.get(path(c) + "?pageSize=" + size));
        for (int i = 0; i < 8 && !page.json().isEmpty(); i++) {
            List<Long> ids = ids(page);
            if (!seen.isEmpty()) {
                assertThat(ids.get(0)).as(page.describe()).isGreaterThan(last(seen));
            }
            seen.addAll(ids);
            String next = page.link("next").orElseThrow(() -> new AssertionError("no next Link"));
            assertThat(next).contains("pageId=" + last(ids));
            page = ok(forward.get(next));
        }
        assertThat(seen.size()).isGreaterThan(size);
        List<Long> all = rows(c).stream().map(r -> r.get("id").asLong()).sorted().toList();
        if (all.size() <= 8 * size) {
            assertThat(page.json().isEmpty()).as(page.describe()).isTrue();
            assertThat(seen).isEqualTo(all);
        }
    }

    // ---- writes: ConnectWise answers with the record, which must be what GET of it would send ----

    private static void writes(List<Arguments> cases) {
        cases.add(of("Ticket · POST /service/tickets answers the record as GET /service/tickets/{id} would", () -> {
            Exchange x = created(wire.post("service/tickets", newTicket()), "service/tickets");
            Exchange again = ok(wire.get("service/tickets/" + x.json().get("id").asLong()));
            assertThat(again.json()).as(again.describe()).isEqualTo(x.json());
        }));
        cases.add(of("Ticket · POST: initialDescription, initialInternalAnalysis, initialResolution are not returned "
                + "(\"Only available for POST\") and become the ticket's notes", () -> {
            Map<String, Object> body = newTicket();
            body.put("initialInternalAnalysis", "Toner sensor reports empty although the cartridge is new");
            body.put("initialResolution", "Cleaned the toner sensor");
            Exchange x = created(wire.post("service/tickets", body), "service/tickets");
            long id = x.json().get("id").asLong();
            Set<String> initial = Set.of("initialDescription", "initialInternalAnalysis", "initialResolution");
            assertThat(x.json().propertyNames()).as(x.describe()).doesNotContainAnyElementsOf(initial);
            assertThat(ok(wire.get("service/tickets/" + id)).json().propertyNames()).doesNotContainAnyElementsOf(initial);
            Exchange notes = ok(wire.get("service/tickets/" + id + "/notes"));
            assertThat(notes.json().size()).as(notes.describe()).isEqualTo(3);
            assertThat(List.of(notes.json().get(0), notes.json().get(1), notes.json().get(2)))
                    .extracting(n -> n.get("text").asString(), n -> n.get("detailDescriptionFlag").asBoolean(),
                            n -> n.get("internalAnalysisFlag").asBoolean(), n -> n.get("resolutionFlag").asBoolean())
                    .containsExactly(
                            Tuple.tuple(body.get("initialDescription"), true, false, false),
                            Tuple.tuple(body.get("initialInternalAnalysis"), false, true, false),
                            Tuple.tuple(body.get("initialResolution"), false, false, true));
        }));
        cases.add(of("Ticket · PATCH /service/tickets/{id} answers the record as GET would", () -> {
            long id = created(wire.post("service/tickets", newTicket()), "service/tickets").json().get("id").asLong();
            long closed = control.statusId(board, "Closed");
            List<Map<String, Object>> ops = List.of(
                    Map.of("op", "replace", "path", "summary", "value", "Printer fixed: toner replaced"),
                    Map.of("op", "replace", "path", "status", "value", Map.of("id", closed)),
                    Map.of("op", "replace", "path", "owner", "value", Map.of("id", technician)));
            Exchange x = record(wire.patch("service/tickets/" + id, ops), 200, "service/tickets/" + id);
            assertThat(x.json().get("closedFlag").asBoolean()).as(x.describe()).isTrue();
        }));
        cases.add(of("ServiceNote · POST /service/tickets/{parentId}/notes answers the record as GET would", () ->
                created(wire.post("service/tickets/" + ticket + "/notes", newNote()), "service/tickets/" + ticket + "/notes")));
        cases.add(of("ServiceNote · PATCH /service/tickets/{parentId}/notes/{id} answers the record as GET would", () -> {
            String notes = "service/tickets/" + ticket + "/notes";
            long id = created(wire.post(notes, newNote()), notes).json().get("id").asLong();
            record(wire.patch(notes + "/" + id, List.of(Map.of("op", "replace", "path", "text",
                    "value", "Called back: the user confirms it works"))), 200, notes + "/" + id);
        }));
        cases.add(of("TimeEntry · POST /time/entries answers the record as GET /time/entries/{id} would", () ->
                created(wire.post("time/entries", newTimeEntry()), "time/entries")));
        cases.add(of("TimeEntry · PATCH /time/entries/{id} answers the record as GET would", () -> {
            long id = created(wire.post("time/entries", newTimeEntry()), "time/entries").json().get("id").asLong();
            record(wire.patch("time/entries/" + id, List.of(Map.of("op", "replace", "path", "notes",
                    "value", "Replaced the toner and cleaned the rollers"))), 200, "time/entries/" + id);
        }));
        cases.add(of("Ticket · POST without summary → 400 with a field error", () -> {
            Map<String, Object> body = newTicket();
            body.remove("summary");
            Exchange x = wire.post("service/tickets", body);
            errorBody(x, 400);
            assertThat(x.json().get("errors").isArray() && !x.json().get("errors").isEmpty()).as(x.describe()).isTrue();
        }));
    }

    // ---- errors: the description declares none, so the suite checks ConnectWise's error body itself ----

    private static void errors(List<Arguments> cases) {
        cases.add(of("errors · no Authorization → 401", () -> cwError(wire.without("Authorization").get("service/tickets"), 401)));
        cases.add(of("errors · a wrong private key → 401", () -> {
            var member = sim.apiMember();
            cwError(wire.with("Authorization", Wire.basic(member.companyId() + "+" + member.publicKey(), "not-the-key"))
                    .get("service/tickets"), 401);
        }));
        cases.add(of("errors · conditions that do not parse → 400", () -> cwError(wire.get("service/tickets?conditions="
                + Wire.encode("summary = \"unterminated")), 400)));
        cases.add(of("errors · conditions on /count that do not parse → 400", () -> cwError(wire.get(
                "service/tickets/count?conditions=" + Wire.encode("closedFlag = = false")), 400)));
    }

    // ---- assertions ----

    /** A 200 whose request and response both conform. */
    private static Exchange ok(Exchange x) {
        assertThat(x.status()).as(x.describe()).isEqualTo(200);
        conforms(x);
        return x;
    }

    /** No complaint beyond the whitelisted divergences; a reported, still open simulator bug aborts the case. */
    private static void conforms(Exchange x) {
        List<Finding> violations = contract.violations(x);
        Violations.assertNone(violations, x);
    }

    /** A POST's 201 answer: the record, checked as GET of {@code collection/{id}} answers it. */
    private static Exchange created(Exchange x, String collection) {
        assertThat(x.status()).as(x.describe()).isEqualTo(201);
        JsonNode id = x.json().get("id");
        assertThat(id != null && id.isIntegralNumber() && id.asLong() > 0).as(x.describe()).isTrue();
        return record(x, 201, collection + "/" + id.asLong());
    }

    /** A write's answer with that status whose body and content type are what GET {@code itemPath} answers. */
    private static Exchange record(Exchange x, int status, String itemPath) {
        assertThat(x.status()).as(x.describe()).isEqualTo(status);
        List<Finding> violations = contract.violationsOfRecordAnswer(x, itemPath);
        Violations.assertNone(violations, x);
        return x;
    }

    /** An error of a described GET: its request conforms, and its body is ConnectWise's error shape. */
    private static void cwError(Exchange x, int status) {
        assertThat(x.status()).as(x.describe()).isEqualTo(status);
        conforms(x);
        errorBody(x, status);
    }

    /**
     * ConnectWise's error body and nothing else: {@code {"code": text, "message": text, "errors": null | [{"code",
     * "message", "resource", "field"}]}}, as JSON.
     */
    private static void errorBody(Exchange x, int status) {
        assertThat(x.status()).as(x.describe()).isEqualTo(status);
        assertThat(x.header("Content-Type")).as(x.describe()).contains("json");
        JsonNode body = x.json();
        assertThat(body.propertyNames()).as(x.describe()).containsExactlyInAnyOrder("code", "message", "errors");
        assertThat(body.get("code").isString() && !body.get("code").asString().isBlank()).as(x.describe()).isTrue();
        assertThat(body.get("message").isString() && !body.get("message").asString().isBlank()).as(x.describe()).isTrue();
        JsonNode errors = body.get("errors");
        assertThat(errors.isNull() || errors.isArray()).as(x.describe()).isTrue();
        for (JsonNode error : errors.isArray() ? errors : List.<JsonNode>of()) {
            assertThat(error.propertyNames()).as(x.describe()).containsExactlyInAnyOrder("code", "message", "resource", "field");
            error.forEach(value -> assertThat(value.isString()).as(x.describe()).isTrue());
        }
    }

    // ---- paths and fixtures ----

    /** The description's path of a collection: {@code /service/tickets/{parentId}/notes}. */
    private static String specPath(Kind kind) {
        return "/" + String.join("/", kind.path()).replace("*", "{parentId}");
    }

    /** The description's list, item and count operations of a collection. */
    private static Set<String> servedShapes(Kind kind) {
        String list = "GET " + specPath(kind);
        return Set.of(list, list + "/{id}", list + "/count");
    }

    /** A collection's path relative to the API base, with the fixture parent: {@code service/tickets/40123/notes}. */
    private static String path(Kind kind) {
        return String.join("/", kind.path()).replace("*", String.valueOf(parentOf(kind)));
    }

    private static long parentOf(Kind kind) {
        return kind.parent().map(p -> p == Kind.TICKETS ? ticket : board).orElse(0L);
    }

    /** The records of a collection, under the fixture parent for children, straight from the store. */
    private static List<JsonNode> rows(Kind kind) {
        return control.records(kind).stream().filter(r -> kind.parent().isEmpty()
                || Long.valueOf(parentOf(kind)).equals(CwStore.parentOf(kind, r))).map(r -> (JsonNode) r).toList();
    }

    private static long firstId(Kind kind) {
        return rows(kind).get(0).get("id").asLong();
    }

    /** Small enough for several pages in every collection (the fixture board has two teams). */
    private static int pageSize(Kind kind) {
        int total = rows(kind).size();
        assertThat(total).as(kind + " rows").isGreaterThanOrEqualTo(2);
        return Math.max(1, Math.min(10, total / 3));
    }

    private static List<Long> ids(Exchange page) {
        return StreamSupport.stream(page.json().spliterator(), false).map(r -> r.get("id").asLong()).toList();
    }

    private static long last(List<Long> ids) {
        return ids.get(ids.size() - 1);
    }

    /**
     * A concrete URL for a path of the description the simulator does not serve: the served collection it lies
     * under gets the fixture parent and a real record id, any further id is 1, a member identifier is the API
     * member's.
     */
    private static String concrete(String template) {
        Kind under = COLLECTIONS.stream().filter(c -> template.startsWith(specPath(c) + "/"))
                .max(Comparator.comparingInt(c -> specPath(c).length())).orElseThrow();
        String rest = template.substring(specPath(under).length())
                .replaceFirst("^/\\{(id|parentId)}", "/" + firstId(under))
                .replace("{id}", "1").replace("{parentId}", "1")
                .replaceFirst("/\\{memberIdentifier.*$", "/" + sim.apiMember().memberIdentifier());
        return path(under) + rest;
    }

    private static Probe probe(Kind kind) {
        return switch (kind) {
            case TICKETS -> new Probe("id,summary,board/name,status/name,_info/lastUpdated",
                    "closedFlag = false and board/id = " + board);
            case NOTES -> new Probe("id,text,member/identifier,internalAnalysisFlag", "internalAnalysisFlag = true");
            case TIME_ENTRIES -> new Probe("id,chargeToId,member/identifier,actualHours,timeStart",
                    "chargeToType = \"ServiceTicket\" and actualHours >= 1");
            case COMPANY_STATUSES -> new Probe("id,name,defaultFlag", "inactiveFlag = false and defaultFlag = false");
            case COMPANIES -> new Probe("id,identifier,name,status/name", "name like \"A%\"");
            case CONTACTS -> new Probe("id,firstName,lastName,company/identifier",
                    "inactiveFlag = false and lastName like \"M%\"");
            case MEMBERS -> new Probe("id,identifier,firstName,lastName,securityRole/name",
                    "inactiveFlag = false and licenseClass = \"F\"");
            case BOARDS -> new Probe("id,name,projectFlag", "inactiveFlag = false and projectFlag = false");
            case BOARD_STATUSES -> new Probe("id,name,sortOrder,closedStatus", "closedStatus = true");
            case BOARD_TYPES -> new Probe("id,name,category", "category = \"Reactive\"");
            case BOARD_SUBTYPES -> new Probe("id,name,typeAssociationIds", "name like \"%ware\"");
            case BOARD_ITEMS -> new Probe("id,name", "name = \"Laptop\"");
            case BOARD_TEAMS -> new Probe("id,name,teamLeader/identifier", "defaultFlag = true");
            case PRIORITIES -> new Probe("id,name,color,level", "level = \"Low\"");
            case SOURCES -> new Probe("id,name", "defaultFlag = true");
            case WORK_TYPES -> new Probe("id,name,billTime", "billTime = \"Billable\" and inactiveFlag = false");
            case WORK_ROLES -> new Probe("id,name,hourlyRate", "hourlyRate > 100");
            case SECURITY_ROLES, CALLBACKS -> throw new IllegalArgumentException(kind + " is not described");
        };
    }

    // ---- records to write ----

    private static Map<String, Object> newTicket() {
        JsonNode source = control.get(Kind.TICKETS, ticket).orElseThrow();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("summary", "Printer on the second floor jams " + UNIQUE.incrementAndGet());
        t.put("company", Map.of("id", source.get("company").get("id").asLong()));
        t.put("board", Map.of("id", board));
        t.put("priority", Map.of("name", "Priority 2 - Quick Response"));
        t.put("severity", "Medium");
        t.put("impact", "Low");
        t.put("initialDescription", "The printer jams on every second page & shows \"Error 41\"");
        return t;
    }

    private static Map<String, Object> newNote() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("text", "Called the customer & left a voicemail " + UNIQUE.incrementAndGet());
        n.put("detailDescriptionFlag", true);
        return n;
    }

    private static Map<String, Object> newTimeEntry() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("chargeToType", "ServiceTicket");
        e.put("chargeToId", ticket);
        e.put("member", Map.of("id", technician));
        e.put("timeStart", "2026-11-20T09:00:00Z");
        e.put("timeEnd", "2026-11-20T10:30:00Z");
        e.put("notes", "Cleared the paper path " + UNIQUE.incrementAndGet());
        e.put("workType", Map.of("name", "Remote Support"));
        return e;
    }
}
