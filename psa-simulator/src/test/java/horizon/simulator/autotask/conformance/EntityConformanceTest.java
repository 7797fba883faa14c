package horizon.simulator.autotask.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorControl;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import horizon.simulator.core.conformance.Violations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * Every entity the simulator serves, operation by operation, over real HTTP: the request this test sends and the
 * simulator's answer (status, content type, body) are validated against the June 2026 Swagger description of
 * webservices14. Only the named {@link Divergence} rules may excuse a complaint of the validator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntityConformanceTest {
    /** Query collections with rows to page through: query/next is exercised on these. */
    private static final List<String> PAGED = List.of("Tickets", "TicketNotes", "TimeEntries", "Companies", "Contacts",
            "Resources", "Roles", "ResourceRoles");
    /** Every query collection the simulator serves; all but the webhook ones are record collections. */
    private static final List<String> COLLECTIONS = List.of("Tickets", "TicketNotes", "TimeEntries", "Companies",
            "Contacts", "Resources", "Roles", "ResourceRoles", "DeletedTicketLogs", "DeletedTicketActivityLogs",
            "TicketWebhooks", "TicketNoteWebhooks", "CompanyWebhooks", "ContactWebhooks",
            "TicketWebhookFields", "TicketNoteWebhookFields", "CompanyWebhookFields", "ContactWebhookFields",
            "TicketWebhookUdfFields", "CompanyWebhookUdfFields", "ContactWebhookUdfFields",
            "TicketWebhookExcludedResources", "TicketNoteWebhookExcludedResources",
            "CompanyWebhookExcludedResources", "ContactWebhookExcludedResources", "WebhookEventErrorLogs");
    /** Collections that stay empty because the generated MSP defines no Contact UDFs to subscribe to. */
    private static final List<String> EMPTY = List.of("ContactWebhookUdfFields");
    /** The webhook families: collection prefix, the record they watch, whether they have UdfFields. */
    private static final List<String> FAMILIES = List.of("Ticket", "TicketNote", "Company", "Contact");

    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static SwaggerContract contract;
    private static AutotaskSimulator sim;
    private static SimulatorControl control;
    private static Wire wire;
    private static Receiver receiver;
    private static long company;
    private static long ticket;
    private static long technician;
    private static long technicianRole;

    @FunctionalInterface
    interface Check {
        void run();
    }

    @BeforeAll
    static void start() {
        contract = SwaggerContract.shared();
        // the accelerated clock makes a failing callout land in WebhookEventErrorLogs within a fraction of a second
        sim = AutotaskSimulator.start(SimulatorOptions.defaults().withTimeScale(0.001));
        control = sim.control();
        wire = Wire.as(sim.apiUser());
        receiver = new Receiver();
        company = firstId("Companies");
        ticket = firstId("Tickets");
        technician = control.technicians().get(0);
        technicianRole = wire.post("V1.0/ResourceRoles/query", Map.of("maxRecords", 1, "filter",
                List.of(Map.of("op", "eq", "field", "resourceID", "value", technician)))).json()
                .get("items").get(0).get("roleID").asLong();

        // rows for the collections the generated MSP leaves empty
        long doomed = control.createTicket(Map.of("title", "Opened by mistake"));
        long note = control.addNote(ticket, "Wrong ticket", "Posted on the wrong ticket");
        control.deleteNote(note);
        control.deleteTicket(doomed);
        for (String family : FAMILIES) {
            long hook = createWebhook(family, receiver.url("/hooks/" + family));
            addField(family, hook);
            if (hasUdfs(family)) {
                addUdfField(family, hook);
            }
            excludeResource(family, hook, technician);
        }
        failedCalloutLog();
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** JUnit asks for a template's arguments when it runs, after {@link #start()}: the fixture ids are set by then. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String c : COLLECTIONS) {
            cases.add(of(c + " · query GET", () -> queryGet(c)));
            cases.add(of(c + " · query POST", () -> queryPost(c)));
            cases.add(of(c + " · query/count GET", () -> ok(wire.get("V1.0/" + c + "/query/count?search="
                    + Wire.encode(search(5))))));
            cases.add(of(c + " · query/count POST", () -> ok(wire.post("V1.0/" + c + "/query/count", search(5)))));
            if (!EMPTY.contains(c)) {
                cases.add(of(c + " · GET by id", () -> ok(wire.get("V1.0/" + c + "/" + firstId(c)))));
            }
            cases.add(of(c + " · GET by unknown id", () -> {
                Exchange x = ok(wire.get("V1.0/" + c + "/987654321"));
                assertThat(x.json().get("item").isNull()).as(x.describe()).isTrue();
            }));
            cases.add(of(c + " · entityInformation", () -> ok(wire.get("V1.0/" + c + "/entityInformation"))));
            cases.add(of(c + " · entityInformation/fields", () -> ok(wire.get("V1.0/" + c + "/entityInformation/fields"))));
            cases.add(of(c + " · entityInformation/userDefinedFields",
                    () -> ok(wire.get("V1.0/" + c + "/entityInformation/userDefinedFields"))));
        }
        for (String c : PAGED) {
            cases.add(of(c + " · query/next after a GET query", () -> nextAfterGet(c)));
            cases.add(of(c + " · query/next after a POST query", () -> nextAfterPost(c)));
        }
        cases.add(of("Tickets · query POST with includeFields", () -> {
            Exchange x = ok(wire.post("V1.0/Tickets/query", Map.of("maxRecords", 3, "includeFields",
                    List.of("id", "title", "status", "lastActivityDate"), "filter",
                    List.of(Map.of("op", "gte", "field", "id", "value", 0)))));
            assertThat(x.json().get("items").get(0).propertyNames()).as(x.describe())
                    .contains("id", "title", "status", "lastActivityDate").doesNotContain("description");
        }));
        writes(cases);
        children(cases);
        webhookWrites(cases);
        zoneAndLimits(cases);
        refusals(cases);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void conformsToTheSwaggerDescription(String name, Check check) {
        check.run();
    }

    /**
     * Runs after the cases: every operation the description has for the collections the simulator serves (their
     * query, count, item, write and entityInformation routes, and the Notes, Contacts, Fields, UdfFields and
     * ExcludedResources children) was called by some case above, and every divergence rule was needed.
     */
    @Test
    @Order(2)
    void everyOperationOfTheServedCollectionsWasExercised() {
        List<String> served = contract.operations().stream().filter(EntityConformanceTest::served).sorted().toList();
        assertThat(served).hasSizeGreaterThan(300);
        assertThat(contract.exercised()).containsAll(served);
        // and no whitelist rule is dead: each one excused a real complaint of the validator in the cases above
        assertThat(Divergence.used()).containsExactlyInAnyOrder(Divergence.values());
    }

    private static final Pattern SERVED = Pattern.compile("^(GET|POST|PUT|PATCH|DELETE) /V1\\.0/("
            + "(?<c>[A-Za-z]+)(/query(/count)?|/\\{id}|/entityInformation(/fields|/userDefinedFields)?)?"
            + "|(?<p>Tickets|Companies|[A-Za-z]+Webhooks)/\\{parentId}/(?<child>Notes|Contacts|Fields|UdfFields|ExcludedResources)"
            + "(/\\{id}|/entityInformation(/fields|/userDefinedFields)?)?"
            + "|ZoneInformation|ThresholdInformation)$");

    private static boolean served(String operation) {
        Matcher m = SERVED.matcher(operation);
        if (!m.matches()) {
            return false;
        }
        if (m.group("c") != null) {
            return COLLECTIONS.contains(m.group("c"));
        }
        if (m.group("p") == null) {
            return true;
        }
        String parent = m.group("p");
        String child = m.group("child");
        return parent.equals("Tickets") ? child.equals("Notes")
                : parent.equals("Companies") ? child.equals("Contacts")
                : COLLECTIONS.contains(parent) && !child.equals("Notes") && !child.equals("Contacts");
    }

    private static Arguments of(String name, Check check) {
        return Arguments.of(name, check);
    }

    // ---- the operations ----

    private static Map<String, Object> search(int maxRecords) {
        return Map.of("maxRecords", maxRecords, "filter", List.of(Map.of("op", "gte", "field", "id", "value", 0)));
    }

    private static void queryGet(String collection) {
        Exchange x = ok(wire.searchGet(collection, search(3)));
        assertThat(x.json().get("items").isEmpty()).as(x.describe()).isEqualTo(EMPTY.contains(collection));
    }

    private static void queryPost(String collection) {
        Exchange x = ok(wire.post("V1.0/" + collection + "/query", search(3)));
        assertThat(x.json().get("items").isEmpty()).as(x.describe()).isEqualTo(EMPTY.contains(collection));
    }

    private static void nextAfterGet(String collection) {
        Exchange first = ok(wire.searchGet(collection, search(2)));
        String next = nextPageUrl(first);
        Exchange second = answeringAsQuery(wire.get(next), "GET", collection);
        // the second page links back: prevPageUrl is followed the same way
        String prev = second.json().path("pageDetails").path("prevPageUrl").asString(null);
        assertThat(prev).as(second.describe()).isNotNull();
        answeringAsQuery(wire.get(prev), "GET", collection);
    }

    private static void nextAfterPost(String collection) {
        Map<String, Object> body = search(2);
        Exchange first = ok(wire.post("V1.0/" + collection + "/query", body));
        answeringAsQuery(wire.post(nextPageUrl(first), body), "POST", collection);
    }

    private static String nextPageUrl(Exchange page) {
        String next = page.json().path("pageDetails").path("nextPageUrl").asString(null);
        assertThat(next).as(page.describe()).isNotNull().startsWith(sim.apiUser().zoneApiUrl() + "V1.0/");
        return next;
    }

    /** A query/next answer: the description lacks the path, so its body must be the {collection}/query one. */
    private static Exchange answeringAsQuery(Exchange x, String method, String collection) {
        assertThat(x.status()).as(x.describe()).isEqualTo(200);
        assertThat(contract.violationsAnsweringAs(x, method, "/ATServicesRest/V1.0/" + collection + "/query"))
                .as(x.describe()).isEmpty();
        assertThat(x.json().get("items").size()).as(x.describe()).isGreaterThan(0);
        return x;
    }

    private static void writes(List<Arguments> cases) {
        cases.add(of("Tickets · POST create", () -> createdId(wire.post("V1.0/Tickets", newTicket()))));
        cases.add(of("Tickets · PATCH update", () -> {
            long id = createdId(wire.post("V1.0/Tickets", newTicket()));
            updatedId(wire.patch("V1.0/Tickets", Map.of("id", id, "title", "Printer still jammed",
                    "assignedResourceID", technician, "assignedResourceRoleID", technicianRole)), id);
        }));
        cases.add(of("Tickets · PUT replace", () -> {
            long id = createdId(wire.post("V1.0/Tickets", newTicket()));
            Map<String, Object> replacement = newTicket();
            replacement.put("id", id);
            replacement.put("title", "Replaced in full");
            updatedId(wire.put("V1.0/Tickets", replacement), id);
        }));
        cases.add(of("TimeEntries · POST create", () -> createdId(wire.post("V1.0/TimeEntries", newTimeEntry()))));
        cases.add(of("TimeEntries · PATCH update", () -> {
            long id = createdId(wire.post("V1.0/TimeEntries", newTimeEntry()));
            updatedId(wire.patch("V1.0/TimeEntries", Map.of("id", id, "summaryNotes", "Replaced the toner")), id);
        }));
        cases.add(of("TimeEntries · PUT replace", () -> {
            long id = createdId(wire.post("V1.0/TimeEntries", newTimeEntry()));
            Map<String, Object> replacement = newTimeEntry();
            replacement.put("id", id);
            replacement.put("summaryNotes", "Replaced in full");
            updatedId(wire.put("V1.0/TimeEntries", replacement), id);
        }));
        cases.add(of("TimeEntries · DELETE", () -> {
            long id = createdId(wire.post("V1.0/TimeEntries", newTimeEntry()));
            updatedId(wire.delete("V1.0/TimeEntries/" + id), id);
        }));
        cases.add(of("Companies · POST create", () -> createdId(wire.post("V1.0/Companies", newCompany()))));
        cases.add(of("Companies · PATCH update", () -> {
            long id = createdId(wire.post("V1.0/Companies", newCompany()));
            updatedId(wire.patch("V1.0/Companies", Map.of("id", id, "phone", "+1 555 0100")), id);
        }));
        cases.add(of("Companies · PUT replace", () -> {
            long id = createdId(wire.post("V1.0/Companies", newCompany()));
            Map<String, Object> replacement = newCompany();
            replacement.put("id", id);
            updatedId(wire.put("V1.0/Companies", replacement), id);
        }));
        cases.add(of("Resources · PATCH update", () -> {
            long id = control.technicians().get(1);
            updatedId(wire.patch("V1.0/Resources", Map.of("id", id, "title", "Senior Technician")), id);
        }));
        cases.add(of("Resources · PUT replace", () -> {
            long id = control.technicians().get(2);
            JsonNode item = ok(wire.get("V1.0/Resources/" + id)).json().get("item");
            Map<String, Object> replacement = new LinkedHashMap<>();
            for (String field : List.of("id", "email", "firstName", "lastName", "userName", "isActive", "licenseType",
                    "userType", "resourceType")) {
                replacement.put(field, Exchange.JSON.treeToValue(item.get(field), Object.class));
            }
            replacement.put("title", "Replaced in full");
            updatedId(wire.put("V1.0/Resources", replacement), id);
        }));
        cases.add(of("Roles · POST create", () -> createdId(wire.post("V1.0/Roles", newRole()))));
        cases.add(of("Roles · PATCH update", () -> {
            long id = createdId(wire.post("V1.0/Roles", newRole()));
            updatedId(wire.patch("V1.0/Roles", Map.of("id", id, "hourlyRate", 140.0)), id);
        }));
        cases.add(of("Roles · PUT replace", () -> {
            long id = createdId(wire.post("V1.0/Roles", newRole()));
            Map<String, Object> replacement = newRole();
            replacement.put("id", id);
            updatedId(wire.put("V1.0/Roles", replacement), id);
        }));
    }

    private static void children(List<Arguments> cases) {
        String notes = "V1.0/Tickets/" + ticket + "/Notes";
        cases.add(of("TicketNotes · GET Tickets/{id}/Notes", () -> ok(wire.get("V1.0/Tickets/" + ticket + "/Notes"))));
        cases.add(of("TicketNotes · GET Tickets/{id}/Notes/{id}", () -> {
            long id = createdId(wire.post(notes, newNote()));
            Exchange x = ok(wire.get(notes + "/" + id));
            assertThat(x.json().get("item").get("id").asLong()).as(x.describe()).isEqualTo(id);
        }));
        cases.add(of("TicketNotes · POST Tickets/{id}/Notes", () -> createdId(wire.post(notes, newNote()))));
        cases.add(of("TicketNotes · PATCH Tickets/{id}/Notes", () -> {
            long id = createdId(wire.post(notes, newNote()));
            updatedId(wire.patch(notes, Map.of("id", id, "title", "Edited title")), id);
        }));
        cases.add(of("TicketNotes · PUT Tickets/{id}/Notes", () -> {
            long id = createdId(wire.post(notes, newNote()));
            Map<String, Object> replacement = newNote();
            replacement.put("id", id);
            updatedId(wire.put(notes, replacement), id);
        }));
        childInformation(cases, "TicketNotes", notes);

        String contacts = "V1.0/Companies/" + company + "/Contacts";
        cases.add(of("Contacts · GET Companies/{id}/Contacts", () -> ok(wire.get(contacts))));
        cases.add(of("Contacts · GET Companies/{id}/Contacts/{id}", () -> {
            long id = createdId(wire.post(contacts, newContact()));
            ok(wire.get(contacts + "/" + id));
        }));
        cases.add(of("Contacts · POST Companies/{id}/Contacts", () -> createdId(wire.post(contacts, newContact()))));
        cases.add(of("Contacts · PATCH Companies/{id}/Contacts", () -> {
            long id = createdId(wire.post(contacts, newContact()));
            updatedId(wire.patch(contacts, Map.of("id", id, "title", "Office Manager")), id);
        }));
        cases.add(of("Contacts · PUT Companies/{id}/Contacts", () -> {
            long id = createdId(wire.post(contacts, newContact()));
            Map<String, Object> replacement = newContact();
            replacement.put("id", id);
            updatedId(wire.put(contacts, replacement), id);
        }));
        cases.add(of("Contacts · DELETE Companies/{id}/Contacts/{id}", () -> {
            long id = createdId(wire.post(contacts, newContact()));
            updatedId(wire.delete(contacts + "/" + id), id);
        }));
        childInformation(cases, "Contacts", contacts);
    }

    private static void childInformation(List<Arguments> cases, String entity, String route) {
        String shown = route.replaceAll("/\\d+/", "/{id}/").substring("V1.0/".length());
        cases.add(of(entity + " · GET " + shown + "/entityInformation", () -> ok(wire.get(route + "/entityInformation"))));
        cases.add(of(entity + " · GET " + shown + "/entityInformation/fields",
                () -> ok(wire.get(route + "/entityInformation/fields"))));
        cases.add(of(entity + " · GET " + shown + "/entityInformation/userDefinedFields",
                () -> ok(wire.get(route + "/entityInformation/userDefinedFields"))));
    }

    private static void webhookWrites(List<Arguments> cases) {
        for (String family : FAMILIES) {
            String hooks = "V1.0/" + family + "Webhooks";
            cases.add(of(family + "Webhooks · POST create", () -> createWebhook(family, receiver.url("/hooks/new"))));
            cases.add(of(family + "Webhooks · PATCH update", () -> {
                long id = createWebhook(family, receiver.url("/hooks/patched"));
                updatedId(wire.patch(hooks, Map.of("id", id, "name", "Renamed")), id);
            }));
            cases.add(of(family + "Webhooks · PUT replace", () -> {
                long id = createWebhook(family, receiver.url("/hooks/put"));
                Map<String, Object> replacement = newWebhook(receiver.url("/hooks/replaced"));
                replacement.put("id", id);
                updatedId(wire.put(hooks, replacement), id);
            }));
            cases.add(of(family + "Webhooks · DELETE", () -> {
                long id = createWebhook(family, receiver.url("/hooks/deleted"));
                updatedId(wire.delete(hooks + "/" + id), id);
            }));
            List<String> children = hasUdfFields(family) ? List.of("Fields", "UdfFields", "ExcludedResources")
                    : List.of("Fields", "ExcludedResources");
            for (String child : children) {
                String label = family + "Webhooks · " + child;
                childInformationUnder(cases, label, family, child);
                if (child.equals("UdfFields") && !hasUdfs(family)) {
                    noUdfsToSubscribe(cases, label, hooks + "/" + firstId(family + "Webhooks") + "/" + child);
                    continue;
                }
                cases.add(of(label + " · GET list", () -> {
                    long hook = createWebhook(family, receiver.url("/hooks/children"));
                    addChild(family, hook, child);
                    Exchange x = ok(wire.get(hooks + "/" + hook + "/" + child));
                    assertThat(x.json().get("items").size()).as(x.describe()).isEqualTo(1);
                }));
                cases.add(of(label + " · POST create", () -> addChild(family,
                        createWebhook(family, receiver.url("/hooks/children")), child)));
                cases.add(of(label + " · GET by id", () -> {
                    long hook = createWebhook(family, receiver.url("/hooks/children"));
                    long id = addChild(family, hook, child);
                    ok(wire.get(hooks + "/" + hook + "/" + child + "/" + id));
                }));
                cases.add(of(label + " · DELETE", () -> {
                    long hook = createWebhook(family, receiver.url("/hooks/children"));
                    long id = addChild(family, hook, child);
                    updatedId(wire.delete(hooks + "/" + hook + "/" + child + "/" + id), id);
                }));
                if (!child.equals("ExcludedResources")) {
                    cases.add(of(label + " · PATCH update", () -> {
                        long hook = createWebhook(family, receiver.url("/hooks/children"));
                        long id = addChild(family, hook, child);
                        updatedId(wire.patch(hooks + "/" + hook + "/" + child,
                                Map.of("id", id, "isDisplayAlwaysField", true)), id);
                    }));
                    cases.add(of(label + " · PUT replace", () -> {
                        long hook = createWebhook(family, receiver.url("/hooks/children"));
                        long id = addChild(family, hook, child);
                        Map<String, Object> replacement = child.equals("Fields") ? fieldBody(family, hook)
                                : udfFieldBody(family, hook);
                        replacement.put("id", id);
                        replacement.put("isDisplayAlwaysField", true);
                        updatedId(wire.put(hooks + "/" + hook + "/" + child, replacement), id);
                    }));
                }
            }
        }
        cases.add(of("WebhookEventErrorLogs · DELETE", () -> {
            long id = failedCalloutLog();
            updatedId(wire.delete("V1.0/WebhookEventErrorLogs/" + id), id);
        }));
    }

    /**
     * The generated MSP defines no Contact UDFs, so a Contact webhook's UdfFields stay empty: each operation is still
     * called, and answers the way Autotask answers for records that do not exist.
     */
    private static void noUdfsToSubscribe(List<Arguments> cases, String label, String route) {
        Map<String, Object> unknown = Map.of("id", 987654321, "udfFieldID", 987654321, "isSubscribedField", true,
                "isDisplayAlwaysField", false);
        cases.add(of(label + " · GET list (no UDFs defined)", () -> ok(wire.get(route))));
        cases.add(of(label + " · GET by unknown id", () -> {
            Exchange x = ok(wire.get(route + "/987654321"));
            assertThat(x.json().get("item").isNull()).as(x.describe()).isTrue();
        }));
        cases.add(of(label + " · POST of an unknown UDF → 500 errors[]", () -> errors(wire.post(route,
                Map.of("udfFieldID", 987654321, "isSubscribedField", true, "isDisplayAlwaysField", false)), 500)));
        cases.add(of(label + " · PATCH of an unknown id → 500 errors[]", () -> errors(wire.patch(route, unknown), 500)));
        cases.add(of(label + " · PUT of an unknown id → 500 errors[]", () -> errors(wire.put(route, unknown), 500)));
        cases.add(of(label + " · DELETE of an unknown id → 500 errors[]",
                () -> errors(wire.delete(route + "/987654321"), 500)));
    }

    private static void childInformationUnder(List<Arguments> cases, String label, String family, String child) {
        for (String tail : List.of("entityInformation", "entityInformation/fields", "entityInformation/userDefinedFields")) {
            cases.add(of(label + " · GET " + tail, () -> {
                long hook = firstId(family + "Webhooks");
                ok(wire.get("V1.0/" + family + "Webhooks/" + hook + "/" + child + "/" + tail));
            }));
        }
    }

    private static void zoneAndLimits(List<Arguments> cases) {
        cases.add(of("ZoneInformation · GET (anonymous)", () -> {
            Exchange x = ok(wire.anonymous().get("V1.0/ZoneInformation?user=" + Wire.encode(sim.apiUser().userName())));
            assertThat(x.json().get("url").asString()).as(x.describe()).isEqualTo(sim.apiUser().zoneApiUrl());
        }));
        cases.add(of("ZoneInformation · GET of an unknown user → 500 errors[]", () -> errors(
                wire.anonymous().get("V1.0/ZoneInformation?user=" + Wire.encode("nobody@example.com")), 500)));
        cases.add(of("ThresholdInformation · GET", () -> {
            Exchange x = ok(wire.get("V1.0/ThresholdInformation"));
            assertThat(x.json().get("externalRequestThreshold").asInt()).as(x.describe()).isEqualTo(10_000);
        }));
    }

    private static void refusals(List<Arguments> cases) {
        cases.add(of("errors · wrong secret → 401 (declared)", () -> {
            Exchange x = wire.withSecret("not-the-secret").searchGet("Tickets", search(1));
            errors(x, 401);
        }));
        cases.add(of("errors · unknown field → 500 errors[]", () -> errors(wire.post("V1.0/Tickets/query",
                Map.of("filter", List.of(Map.of("op", "eq", "field", "noSuchField", "value", 1)))), 500)));
        cases.add(of("errors · business rule (time entry without summaryNotes) → 500 errors[]", () -> {
            Map<String, Object> entry = newTimeEntry();
            entry.remove("summaryNotes");
            errors(wire.post("V1.0/TimeEntries", entry), 500);
        }));
        cases.add(of("errors · thread threshold → 429 errors[]", () -> {
            control.burst429(1);
            errors(wire.searchGet("Tickets", search(1)), 429);
        }));
        cases.add(of("errors · hourly request budget spent → 429 errors[]", () -> {
            control.setHourlyBudget(1);
            try {
                errors(wire.searchGet("Tickets", search(1)), 429);
            } finally {
                control.setHourlyBudget(10_000);
            }
        }));
        cases.add(of("errors · GET on the nextPageUrl of a POST query → 405", () -> {
            Exchange first = ok(wire.post("V1.0/Tickets/query", search(2)));
            aspNetMessage(wire.get(nextPageUrl(first)), 405);
        }));
        // operations the description does not have must not succeed
        cases.add(of("absent · POST /TicketNotes → 404", () -> aspNetMessage(wire.post("V1.0/TicketNotes", newNote()), 404)));
        cases.add(of("absent · POST /Contacts → 404", () -> aspNetMessage(wire.post("V1.0/Contacts", newContact()), 404)));
        cases.add(of("absent · DELETE /Tickets/{id}", () -> refused(wire.delete("V1.0/Tickets/" + ticket))));
        cases.add(of("absent · DELETE /Companies/{id}", () -> refused(wire.delete("V1.0/Companies/" + company))));
        cases.add(of("absent · POST /Resources", () -> refused(wire.post("V1.0/Resources",
                Map.of("firstName", "New", "lastName", "Hire")))));
        cases.add(of("absent · POST /ResourceRoles", () -> refused(wire.post("V1.0/ResourceRoles",
                Map.of("resourceID", technician, "roleID", technicianRole)))));
        cases.add(of("absent · POST /DeletedTicketLogs", () -> refused(wire.post("V1.0/DeletedTicketLogs",
                Map.of("ticketID", ticket)))));
        cases.add(of("absent · PATCH /DeletedTicketActivityLogs", () -> refused(wire.patch("V1.0/DeletedTicketActivityLogs",
                Map.of("id", 1)))));
        cases.add(of("absent · DELETE Tickets/{id}/Notes/{id}", () -> {
            long id = createdId(wire.post("V1.0/Tickets/" + ticket + "/Notes", newNote()));
            refused(wire.delete("V1.0/Tickets/" + ticket + "/Notes/" + id));
        }));
        cases.add(of("absent · POST /WebhookEventErrorLogs", () -> refused(wire.post("V1.0/WebhookEventErrorLogs",
                Map.of("errorMessage", "x")))));
    }

    // ---- assertions ----

    /** A 200 whose request and response both conform. */
    private static Exchange ok(Exchange x) {
        assertThat(x.status()).as(x.describe()).isEqualTo(200);
        conforms(x);
        return x;
    }

    /** No complaint beyond the whitelisted divergences; a reported, still open simulator bug aborts the case. */
    static void conforms(Exchange x) {
        List<Finding> violations = contract.violations(x);
        Violations.assertNone(violations, x);
    }

    private static long createdId(Exchange x) {
        ok(x);
        JsonNode id = x.json().get("itemId");
        assertThat(id != null && id.isIntegralNumber() && id.asLong() > 0).as(x.describe()).isTrue();
        return id.asLong();
    }

    private static void updatedId(Exchange x, long id) {
        ok(x);
        assertThat(x.json().get("itemId").asLong()).as(x.describe()).isEqualTo(id);
    }

    /** An undeclared error status whose body is Autotask's {"errors": [text, ...]} and nothing else. */
    private static void errors(Exchange x, int status) {
        assertThat(x.status()).as(x.describe()).isEqualTo(status);
        conforms(x);
        JsonNode body = x.json();
        assertThat(body.propertyNames()).as(x.describe()).containsExactly("errors");
        assertThat(body.get("errors").isArray() && !body.get("errors").isEmpty()).as(x.describe()).isTrue();
        body.get("errors").forEach(e -> assertThat(e.isString()).as(x.describe()).isTrue());
    }

    /** An ASP.NET Web API refusal: 404 or 405 with {"Message": text}. */
    private static void aspNetMessage(Exchange x, int status) {
        assertThat(x.status()).as(x.describe()).isEqualTo(status);
        assertThat(x.json().propertyNames()).as(x.describe()).containsExactly("Message");
        assertThat(x.json().get("Message").isString()).as(x.describe()).isTrue();
    }

    /** An operation the description lacks: 404 or 405 the ASP.NET way, or a 500 errors[] refusal. */
    private static void refused(Exchange x) {
        assertThat(x.status()).as(x.describe()).isIn(404, 405, 500);
        if (x.status() == 500) {
            errors(x, 500);
        } else {
            aspNetMessage(x, x.status());
        }
    }

    // ---- records to write ----

    private static Map<String, Object> newTicket() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("companyID", company);
        t.put("title", "Printer on the second floor jams");
        t.put("status", control.picklistCode("Tickets", "status", "New"));
        t.put("priority", control.picklistCode("Tickets", "priority", "Medium"));
        t.put("queueID", control.picklistCode("Tickets", "queueID", "Level I Support"));
        t.put("dueDateTime", "2030-01-01T10:00:00Z");
        return t;
    }

    private static Map<String, Object> newNote() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("ticketID", ticket);
        n.put("title", "Called the customer");
        n.put("description", "Left a voicemail & sent an e-mail");
        n.put("noteType", control.picklistCode("TicketNotes", "noteType", "Task Detail"));
        n.put("publish", control.picklistCode("TicketNotes", "publish", "All Autotask Users"));
        return n;
    }

    private static Map<String, Object> newTimeEntry() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ticketID", ticket);
        e.put("resourceID", technician);
        e.put("roleID", technicianRole);
        e.put("startDateTime", "2026-11-20T09:00:00Z");
        e.put("endDateTime", "2026-11-20T10:30:00Z");
        e.put("hoursWorked", 1.5);
        e.put("summaryNotes", "Cleared the paper path");
        return e;
    }

    private static Map<String, Object> newCompany() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("companyName", "Conformance Dental " + UNIQUE.incrementAndGet());
        c.put("companyType", control.picklistCode("Companies", "companyType", "Customer"));
        c.put("ownerResourceID", technician);
        c.put("phone", "+1 555 0199");
        return c;
    }

    private static Map<String, Object> newContact() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("companyID", company);
        c.put("firstName", "Ines");
        c.put("lastName", "Conformance " + UNIQUE.incrementAndGet());
        c.put("isActive", 1);
        return c;
    }

    private static Map<String, Object> newRole() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "Conformance role " + UNIQUE.incrementAndGet());
        r.put("hourlyRate", 120.0);
        r.put("isActive", true);
        return r;
    }

    private static Map<String, Object> newWebhook(String url) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", "Horizon " + UNIQUE.incrementAndGet());
        // Autotask refuses a second webhook with the same URL and event type: keep every URL distinct
        w.put("webhookUrl", url + "/" + UNIQUE.incrementAndGet());
        w.put("deactivationUrl", url + "/deactivated");
        w.put("secretKey", "conformance-secret-key");
        w.put("isActive", true);
        w.put("isSubscribedToCreateEvents", true);
        w.put("isSubscribedToUpdateEvents", true);
        w.put("isSubscribedToDeleteEvents", false);
        w.put("sendThresholdExceededNotification", false);
        w.put("notificationEmailAddress", "ops@horizon-sim.example");
        return w;
    }

    /**
     * A fresh WebhookEventErrorLogs row: a Company webhook whose receiver answers 500 watches companyName; after a
     * rename its five attempts fail (30 ms apart on the accelerated clock) and the event is dropped into the log.
     */
    private static long failedCalloutLog() {
        Map<String, Object> body = newWebhook(receiver.url("/fail/company"));
        body.put("isSubscribedToCreateEvents", false);
        long hook = createdId(wire.post("V1.0/CompanyWebhooks", body));
        Map<String, Object> companyName = fieldBody("Company", hook);
        companyName.put("fieldID", wire.picklistCode("CompanyWebhookFields", "fieldID", "companyName"));
        createdId(wire.post("V1.0/CompanyWebhooks/" + hook + "/Fields", companyName));
        control.update("Companies", company, Map.of("companyName", "Renamed for a failing callout " + UNIQUE.incrementAndGet()));
        Map<String, Object> search = Map.of("filter", List.of(Map.of("op", "eq", "field", "accountWebhookID", "value", hook)));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                !wire.post("V1.0/WebhookEventErrorLogs/query", search).json().path("items").isEmpty());
        return wire.post("V1.0/WebhookEventErrorLogs/query", search).json().get("items").get(0).get("id").asLong();
    }

    private static long createWebhook(String family, String url) {
        return createdId(wire.post("V1.0/" + family + "Webhooks", newWebhook(url)));
    }

    private static long addChild(String family, long hook, String child) {
        return switch (child) {
            case "Fields" -> addField(family, hook);
            case "UdfFields" -> addUdfField(family, hook);
            default -> excludeResource(family, hook, technician);
        };
    }

    private static long addField(String family, long hook) {
        return createdId(wire.post("V1.0/" + family + "Webhooks/" + hook + "/Fields", fieldBody(family, hook)));
    }

    private static long addUdfField(String family, long hook) {
        return createdId(wire.post("V1.0/" + family + "Webhooks/" + hook + "/UdfFields", udfFieldBody(family, hook)));
    }

    private static long excludeResource(String family, long hook, long resource) {
        return createdId(wire.post("V1.0/" + family + "Webhooks/" + hook + "/ExcludedResources",
                Map.of("resourceID", resource, "webhookID", hook)));
    }

    private static Map<String, Object> fieldBody(String family, long hook) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("fieldID", firstPicklistCode(family + "WebhookFields", "fieldID"));
        f.put("isSubscribedField", true);
        f.put("isDisplayAlwaysField", false);
        f.put("webhookID", hook);
        return f;
    }

    private static Map<String, Object> udfFieldBody(String family, long hook) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("udfFieldID", firstPicklistCode(family + "WebhookUdfFields", "udfFieldID"));
        f.put("isSubscribedField", true);
        f.put("isDisplayAlwaysField", false);
        f.put("webhookID", hook);
        return f;
    }

    /** The first code of a picklist, read the documented way: from entityInformation/fields. */
    private static long firstPicklistCode(String collection, String field) {
        return wire.picklistCode(collection, field, null);
    }

    /** TicketNoteWebhooks have no UdfFields in the description (nor in Autotask). */
    private static boolean hasUdfFields(String family) {
        return !family.equals("TicketNote");
    }

    /** Whether the generated MSP defines UDFs a webhook of the family can subscribe to (Tickets and Companies). */
    private static boolean hasUdfs(String family) {
        return family.equals("Ticket") || family.equals("Company");
    }

    private static long firstId(String collection) {
        Long id = firstIdOrNull(collection);
        assertThat(id).as("a row in " + collection).isNotNull();
        return id;
    }

    private static Long firstIdOrNull(String collection) {
        JsonNode items = wire.post("V1.0/" + collection + "/query", search(1)).json().path("items");
        return items.isEmpty() ? null : items.get(0).get("id").asLong();
    }
}
