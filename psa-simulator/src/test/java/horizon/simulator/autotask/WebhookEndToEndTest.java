package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A technician's change made through the control handle reaches a webhook registered over the REST API. */
class WebhookEndToEndTest {
    record Callout(byte[] body, String signature) {
    }

    @Test
    void controlChangesFireSignedCallouts() throws Exception {
        List<Callout> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", exchange -> {
            received.add(new Callout(exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("X-Hook-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (AutotaskSimulator sim = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(3, 6, 3, 10, 1)).withTimeScale(0.01))) {
            ApiClient api = ApiClient.of(sim.apiUser());
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            JsonNode fields = api.get("V1.0/TicketWebhookFields/entityInformation/fields").json().get("fields");
            long statusFieldId = -1;
            for (JsonNode f : fields) {
                if (f.get("name").asString().equalsIgnoreCase("fieldID")) {
                    for (JsonNode v : f.get("picklistValues")) {
                        if (v.get("label").asString().equalsIgnoreCase("status")) {
                            statusFieldId = Long.parseLong(v.get("value").asString());
                        }
                    }
                }
            }
            assertThat(statusFieldId).isPositive();
            var created = api.post("V1.0/TicketWebhooks", Map.of("IsActive", true, "Name", "e2e", "WebhookUrl", base + "/hook",
                    "DeactivationUrl", base + "/deact", "SecretKey", "e2e-secret-key", "IsSubscribedToUpdateEvents", true,
                    "SendThresholdExceededNotification", false, "NotificationEmailAddress", "ops@example.com"));
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            long webhookId = created.json().get("itemId").asLong();
            var field = api.post("V1.0/TicketWebhooks/" + webhookId + "/Fields", Map.of("FieldID", statusFieldId,
                    "IsSubscribedField", true, "IsDisplayAlwaysField", false, "WebhookID", webhookId));
            assertThat(field.status()).as(field.text()).isEqualTo(200);

            long tech = sim.control().technicians().get(1);
            long ticket = sim.control().createTicket(Map.of("title", "webhook target"));
            sim.control().as(tech).changeStatus(ticket, sim.control().picklistCode("Tickets", "status", "In Progress"));

            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !received.isEmpty());
            Callout callout = received.get(0);
            JsonNode body = ApiClient.JSON.readTree(callout.body());
            assertThat(body.get("Action").asString()).isEqualTo("Update");
            assertThat(body.get("Id").asLong()).isEqualTo(ticket);
            assertThat(body.get("PersonID").asLong()).isEqualTo(tech);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("e2e-secret-key".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            assertThat(callout.signature()).isEqualTo("sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(callout.body())));
            assertThat(sim.control().counters().webhooks().get("delivered")).isGreaterThanOrEqualTo(1L);
            assertThat(sim.control().dump().get("webhooks").get("TicketWebhooks").size()).isEqualTo(1);
        } finally {
            receiver.stop(0);
        }
    }
}
