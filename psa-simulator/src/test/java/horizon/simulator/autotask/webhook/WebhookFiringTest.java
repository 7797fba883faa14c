package horizon.simulator.autotask.webhook;

import horizon.simulator.core.HookReceiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WebhookFiringTest {
    private static final long TECHNICIAN = 30691780L;
    private static final Instant AT = Instant.parse("2025-09-15T16:00:00Z");
    private static final long STATUS = 23;
    private static final long PRIORITY = 18;
    private static final long TICKET_NUMBER = 27;
    private static final long TITLE = 29;

    private final Webhooks webhooks = new Webhooks(new SimClock(Clock.systemUTC(), 0.01), 7L);
    private final WebhookApi api = new WebhookApi(webhooks);
    private HookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new HookReceiver();
    }

    @AfterEach
    void stop() {
        webhooks.close();
        receiver.close();
    }

    @Test
    void aCreateCarriesSubscribedAndDisplayAlwaysFieldsSignedOverTheExactBytes() throws Exception {
        long id = readyTicketWebhook(true, true, false);

        webhooks.onChange(ticket("Create", 351181, Set.of("status", "priority", "ticketNumber", "title"), "Printer"));

        JsonNode body = awaitCallouts(1).get(0);
        HookReceiver.Received request = receiver.received().get(0);
        String guid = api.get("TicketWebhooks/" + id).body().get("item").get("webhookGUID").stringValue();
        assertThat(request.text()).isEqualTo("{\"Action\":\"Create\",\"Guid\":\"" + guid + "\",\"EntityType\":\"Ticket\","
                + "\"Id\":351181,\"Fields\":{\"Status\":\"1\",\"TicketNumber\":\"T20250915.0001\"},"
                + "\"EventTime\":\"2025-09-15T16:00:00Z\",\"SequenceNumber\":1,\"PersonID\":30691780}");
        assertThat(request.signature()).isEqualTo(hmac("test-webhook-secret", request.body()));
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(body.get("Guid").stringValue()).isEqualTo(guid);
    }

    @Test
    void anUpdateFiresOnlyWhenASubscribedFieldChanged() throws Exception {
        readyTicketWebhook(true, true, false);

        webhooks.onChange(ticket("Update", 351181, Set.of("priority", "lastActivityDate"), "Printer"));
        webhooks.onChange(ticket("Update", 351181, Set.of("status"), "Printer"));

        List<JsonNode> bodies = awaitCallouts(1);
        assertThat(bodies.get(0).get("Action").stringValue()).isEqualTo("Update");
        assertThat(bodies.get(0).get("Fields").toString())
                .isEqualTo("{\"Status\":\"1\",\"TicketNumber\":\"T20250915.0001\"}");
        // the ignored update used no sequence number
        assertThat(bodies.get(0).get("SequenceNumber").longValue()).isEqualTo(1);
        settle();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void deleteCarriesEmptyFieldsAndOnlyWhenSubscribed() throws Exception {
        readyTicketWebhook(true, false, true);
        long noDeletes = api.createWebhook("TicketWebhooks", receiver.url("/other"), receiver.url("/deact"), true, true,
                false);
        api.addField("TicketWebhooks", noDeletes, STATUS, true, false);

        webhooks.onChange(ticket("Delete", 351181, Set.of(), "Printer"));

        JsonNode body = awaitCallouts(1).get(0);
        assertThat(body.get("Action").stringValue()).isEqualTo("Delete");
        assertThat(body.get("Fields").isEmpty()).isTrue();
        settle();
        assertThat(receiver.receivedAt("/other")).isEmpty();
    }

    @Test
    void changesByAnExcludedResourceDoNotFire() throws Exception {
        long id = readyTicketWebhook(true, true, false);
        api.create("TicketWebhooks/" + id + "/ExcludedResources", "{\"ResourceID\": %d}".formatted(TECHNICIAN));

        webhooks.onChange(ticket("Update", 351181, Set.of("status"), "Printer"));
        webhooks.onChange(new RecordChange("Ticket", "Update", 351182, Set.of("status"),
                record(351182, "Other"), 4L, AT));

        List<JsonNode> bodies = awaitCallouts(1);
        assertThat(bodies.get(0).get("Id").longValue()).isEqualTo(351182);
        assertThat(bodies.get(0).get("PersonID").longValue()).isEqualTo(4);
        settle();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void inactiveOrNotReadyWebhooksDoNotFire() throws Exception {
        long inactive = readyTicketWebhook(true, true, false);
        api.call("PATCH", "TicketWebhooks", "{\"id\": %d, \"isActive\": false}".formatted(inactive));
        api.createWebhook("TicketWebhooks", receiver.url("/not-ready"), receiver.url("/deact"), true, true, false);
        long company = api.createWebhook("CompanyWebhooks", receiver.url("/company"), receiver.url("/deact"), true,
                true, false);
        api.addField("CompanyWebhooks", company, 7, true, true);

        webhooks.onChange(ticket("Create", 351181, Set.of("status"), "Printer"));
        webhooks.onChange(new RecordChange("Resource", "Create", 5, Set.of("firstName"), record(5, "x"), 4L, AT));
        ObjectNode acme = WebhookApi.JSON.createObjectNode().put("id", 12).put("companyName", "Acme & Sons")
                .put("companyType", 1);
        webhooks.onChange(new RecordChange("Company", "Update", 12, Set.of("companyName"), acme, 4L, AT));

        List<JsonNode> bodies = awaitCallouts(1);
        assertThat(bodies.get(0).get("EntityType").stringValue()).isEqualTo("Company");
        assertThat(bodies.get(0).get("Fields").get("CompanyName").stringValue()).isEqualTo("Acme & Sons");
        assertThat(receiver.receivedAt("/company").get(0).text()).contains("Acme \\u0026 Sons");
        settle();
        assertThat(receiver.receivedAt("/hook")).isEmpty();
        assertThat(receiver.receivedAt("/not-ready")).isEmpty();
        assertThat(receiver.receivedAt("/company")).hasSize(1);
    }

    @Test
    void escapesLikeSystemTextJsonAndTheSignatureCoversTheEscapedBytes() throws Exception {
        long id = api.createWebhook("TicketWebhooks", receiver.url("/hook"), receiver.url("/deact"), true, true,
                false);
        api.addField("TicketWebhooks", id, TITLE, true, false);
        String title = "Café <down> & \"urgent\" + 'VIP' `now` 🔥";

        webhooks.onChange(ticket("Update", 351183, Set.of("title"), title));

        JsonNode body = awaitCallouts(1).get(0);
        HookReceiver.Received request = receiver.received().get(0);
        assertThat(body.get("Fields").get("Title").stringValue()).isEqualTo(title);
        assertThat(request.text()).contains("\"Fields\":{\"Title\":\"Caf\\u00E9 \\u003Cdown\\u003E \\u0026 "
                + "\\u0022urgent\\u0022 \\u002B \\u0027VIP\\u0027 \\u0060now\\u0060 \\uD83D\\uDD25\"}");
        assertThat(request.text()).matches("[\\x20-\\x7E]*");
        assertThat(request.signature()).isEqualTo(hmac("test-webhook-secret", request.body()));
        // a receiver that parses and re-serializes with a plain JSON library would not match
        byte[] reserialized = WebhookApi.JSON.writeValueAsBytes(WebhookApi.JSON.readTree(request.body()));
        assertThat(hmac("test-webhook-secret", reserialized)).isNotEqualTo(request.signature());
    }

    @Test
    void eventsOfOneWebhookArriveInTriggerOrderWithIncreasingSequenceNumbers() throws Exception {
        readyTicketWebhook(true, true, false);

        for (int i = 1; i <= 20; i++) {
            webhooks.onChange(ticket("Update", 351000 + i, Set.of("status"), "T" + i));
        }

        List<JsonNode> bodies = awaitCallouts(20);
        for (int i = 0; i < 20; i++) {
            assertThat(bodies.get(i).get("Id").longValue()).isEqualTo(351001 + i);
            assertThat(bodies.get(i).get("SequenceNumber").longValue()).isEqualTo(i + 1);
        }
        // The receiver answers before the simulator books the delivery: wait for the last one to be booked.
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("pending") == 0L);
        assertThat(webhooks.counters()).containsEntry("delivered", 20L).containsEntry("pending", 0L);
    }

    @Test
    void udfChangesFireSubscribedUdfFieldsWithTheirValue() throws Exception {
        long udf = webhooks.defineUserDefinedFields("Ticket", List.of("Customer Ranking")).get(0);
        long id = api.createWebhook("TicketWebhooks", receiver.url("/hook"), receiver.url("/deact"), true, true,
                false);
        api.create("TicketWebhooks/" + id + "/UdfFields", "{\"UdfFieldID\": %d, \"IsSubscribedField\": true}"
                .formatted(udf));
        ObjectNode record = record(351181, "Printer");
        record.putArray("userDefinedFields").addObject().put("name", "Customer Ranking").put("value", "Golden");

        webhooks.onChange(new RecordChange("Ticket", "Update", 351181, Set.of("userDefinedFields"), record,
                TECHNICIAN, AT));

        assertThat(awaitCallouts(1).get(0).get("Fields").toString()).isEqualTo("{\"Customer Ranking\":\"Golden\"}");
    }

    private long readyTicketWebhook(boolean create, boolean update, boolean delete) {
        long id = api.createWebhook("TicketWebhooks", receiver.url("/hook"), receiver.url("/deact"), create, update,
                delete);
        api.addField("TicketWebhooks", id, STATUS, true, false);
        api.addField("TicketWebhooks", id, TICKET_NUMBER, false, true);
        api.addField("TicketWebhooks", id, PRIORITY, false, false);
        return id;
    }

    private static RecordChange ticket(String action, long id, Set<String> changed, String title) {
        return new RecordChange("Ticket", action, id, changed, record(id, title), TECHNICIAN, AT);
    }

    private static ObjectNode record(long id, String title) {
        return WebhookApi.JSON.createObjectNode().put("id", id).put("ticketNumber", "T20250915.0001")
                .put("title", title).put("status", 1).put("priority", 2).put("queueID", 29683354);
    }

    private List<JsonNode> awaitCallouts(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt("/hook").size()
                + receiver.receivedAt("/company").size() >= count);
        return receiver.received().stream().filter(request -> !request.path().equals("/deact"))
                .map(request -> WebhookApi.JSON.readTree(request.body())).toList();
    }

    /** Lets a callout that should not exist have the time to show up before asserting its absence. */
    private void settle() throws InterruptedException {
        await().atMost(Duration.ofSeconds(5)).until(() -> webhooks.counters().get("pending") == 0);
        Thread.sleep(200);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return "sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
