package horizon.simulator.autotask.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorControl;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.core.conformance.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The callouts the simulator POSTs to webhook URLs, against the payload Autotask documents (the Swagger description
 * has none): exactly the keys Action, Guid, EntityType, Id, Fields, EventTime, SequenceNumber, PersonID with their
 * types, JSON content, and an X-Hook-Signature computed here independently. The webhook set-up calls are themselves
 * validated against the description.
 */
class WebhookCalloutConformanceTest {
    private static final List<String> PAYLOAD_KEYS = List.of("Action", "Guid", "EntityType", "Id", "Fields",
            "EventTime", "SequenceNumber", "PersonID");
    private static final String SECRET = "callout-conformance-secret";

    private static SwaggerContract contract;
    private static AutotaskSimulator sim;
    private static SimulatorControl control;
    private static Wire wire;
    private static Receiver receiver;
    private static long company;
    private static long ticket;

    @BeforeAll
    static void start() {
        contract = SwaggerContract.shared();
        sim = AutotaskSimulator.start(SimulatorOptions.defaults().withTimeScale(0.001));
        control = sim.control();
        wire = Wire.as(sim.apiUser());
        receiver = new Receiver();
        company = firstId("Companies");
        ticket = firstId("Tickets");
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

    /** One event: the family whose webhook watches it, the documented EntityType, the action, and how to cause it. */
    record Event(String family, String entityType, String action, String watchedField, LongSupplier cause) {
        @Override
        public String toString() {
            return action + " of a " + entityType;
        }
    }

    static Stream<Arguments> events() {
        List<Event> events = new ArrayList<>();
        events.add(new Event("Ticket", "Ticket", "Create", "status",
                () -> control.createTicket(Map.of("title", "Callout on create"))));
        events.add(new Event("Ticket", "Ticket", "Update", "status", () -> {
            long id = control.createTicket(Map.of("title", "Callout on update"));
            control.changeStatus(id, control.picklistCode("Tickets", "status", "In Progress"));
            return id;
        }));
        events.add(new Event("Ticket", "Ticket", "Delete", "status", () -> {
            long id = control.createTicket(Map.of("title", "Callout on delete"));
            control.deleteTicket(id);
            return id;
        }));
        events.add(new Event("TicketNote", "TicketNote", "Create", "title",
                () -> control.addNote(ticket, "Callout note", "A note for the TicketNote webhook")));
        events.add(new Event("Company", "Company", "Update", "companyName", () -> {
            control.update("Companies", company, Map.of("companyName", "Renamed for a callout"));
            return company;
        }));
        events.add(new Event("Contact", "Contact", "Create", "firstName", () -> control.create("Contacts",
                Map.of("companyID", company, "firstName", "Callout", "lastName", "Contact", "isActive", 1))));
        return events.stream().map(e -> Arguments.of(e.toString(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void calloutBodyHasTheDocumentedKeysTypesAndSignature(String name, Event event) throws GeneralSecurityException {
        String path = "/callouts/" + event.family() + "/" + event.action();
        long hook = createWebhook(event.family(), receiver.url(path), event.action());
        long fieldId = wire.picklistCode(event.family() + "WebhookFields", "fieldID",
                event.watchedField());
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("fieldID", fieldId);
        field.put("isSubscribedField", true);
        field.put("isDisplayAlwaysField", true);
        field.put("webhookID", hook);
        ok(wire.post("V1.0/" + event.family() + "Webhooks/" + hook + "/Fields", field));
        String guid = ok(wire.get("V1.0/" + event.family() + "Webhooks/" + hook)).json().get("item")
                .get("webhookGUID").asString();

        long acting = control.technicians().get(0);
        long id = event.cause().getAsLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received(path).isEmpty());
        Receiver.Callout callout = receiver.received(path).get(0);
        JsonNode body = Exchange.JSON.readTree(new String(callout.body(), StandardCharsets.UTF_8));

        assertThat(body.propertyNames()).as(body.toString()).containsExactlyInAnyOrderElementsOf(PAYLOAD_KEYS);
        assertThat(body.get("Action").asString()).isEqualTo(event.action());
        assertThat(body.get("Guid").asString()).isEqualTo(guid);
        assertThat(body.get("EntityType").asString()).isEqualTo(event.entityType());
        assertThat(body.get("Id").isIntegralNumber()).as(body.toString()).isTrue();
        assertThat(body.get("Id").asLong()).isEqualTo(id);
        assertThat(body.get("Fields").isObject()).as(body.toString()).isTrue();
        body.get("Fields").forEach(v -> assertThat(v.isString() || v.isNull()).as(body.toString()).isTrue());
        assertThat(body.get("EventTime").isString()).as(body.toString()).isTrue();
        assertThat(OffsetDateTime.parse(body.get("EventTime").asString()).getOffset().getTotalSeconds()).isZero();
        assertThat(body.get("SequenceNumber").isIntegralNumber() && body.get("SequenceNumber").asLong() >= 1)
                .as(body.toString()).isTrue();
        assertThat(body.get("PersonID").isIntegralNumber()).as(body.toString()).isTrue();
        assertThat(body.get("PersonID").asLong()).isEqualTo(acting);

        assertThat(header(callout, "Content-Type")).startsWith("application/json");
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(header(callout, "X-Hook-Signature"))
                .isEqualTo("sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(callout.body())));
    }

    private static String header(Receiver.Callout callout, String name) {
        return callout.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    private static long createWebhook(String family, String url, String action) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", "Callout " + family + " " + action);
        w.put("webhookUrl", url);
        w.put("deactivationUrl", url + "/deactivated");
        w.put("secretKey", SECRET);
        w.put("isActive", true);
        w.put("isSubscribedToCreateEvents", action.equals("Create"));
        w.put("isSubscribedToUpdateEvents", action.equals("Update"));
        w.put("isSubscribedToDeleteEvents", action.equals("Delete"));
        w.put("sendThresholdExceededNotification", false);
        Exchange x = ok(wire.post("V1.0/" + family + "Webhooks", w));
        return x.json().get("itemId").asLong();
    }

    private static Exchange ok(Exchange x) {
        assertThat(x.status()).as(x.describe()).isEqualTo(200);
        assertThat(contract.violations(x)).as(x.describe()).isEmpty();
        return x;
    }

    private static long firstId(String collection) {
        return wire.post("V1.0/" + collection + "/query", Map.of("maxRecords", 1, "filter",
                List.of(Map.of("op", "gte", "field", "id", "value", 0)))).json().get("items").get(0).get("id").asLong();
    }
}
