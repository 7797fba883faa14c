package horizon.simulator.autotask.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.core.HookReceiver;
import horizon.simulator.core.SimClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The switches for what Autotask's captures leave open: each changes exactly the detail it names. */
class PayloadVariantsTest {
    private Webhooks webhooks;
    private HookReceiver receiver;
    private long webhookId;

    @BeforeEach
    void start() throws Exception {
        receiver = new HookReceiver();
        webhooks = new Webhooks(new SimClock(Clock.systemUTC(), 0.001), 5L);
        WebhookApi api = new WebhookApi(webhooks);
        webhookId = api.createWebhook("TicketWebhooks", receiver.url("/hook"), receiver.url("/deact"), true, true, true);
        api.addField("TicketWebhooks", webhookId, 23, true, false);
    }

    @AfterEach
    void stop() {
        webhooks.close();
        receiver.close();
    }

    private JsonNode nextCallout(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt("/hook").size() >= count);
        return WebhookApi.JSON.readTree(receiver.receivedAt("/hook").get(count - 1).body());
    }

    @Test
    void personIdSpelling() {
        webhooks.onChange(WebhookDeliveryTest.statusChange(1));
        assertThat(nextCallout(1).has("PersonID")).isTrue();
        webhooks.variants().personIdKey("PersonId");
        webhooks.onChange(WebhookDeliveryTest.statusChange(2));
        JsonNode second = nextCallout(2);
        assertThat(second.has("PersonId")).isTrue();
        assertThat(second.has("PersonID")).isFalse();
    }

    @Test
    void keyCasingInsideFields() {
        webhooks.onChange(WebhookDeliveryTest.statusChange(1));
        assertThat(nextCallout(1).get("Fields").propertyNames()).contains("Status");
        webhooks.variants().camelCaseFieldKeys(true);
        webhooks.onChange(WebhookDeliveryTest.statusChange(2));
        assertThat(nextCallout(2).get("Fields").propertyNames()).contains("status").doesNotContain("Status");
    }

    @Test
    void aDeleteWithNoFields() {
        webhooks.onChange(new RecordChange("Ticket", "Delete", 7, Set.of(), null, 4L, Instant.now()));
        assertThat(nextCallout(1).get("Fields").isEmpty()).isTrue();
        webhooks.variants().deleteWithoutFields(true);
        webhooks.onChange(new RecordChange("Ticket", "Delete", 8, Set.of(), null, 4L, Instant.now()));
        assertThat(nextCallout(2).has("Fields")).isFalse();
    }

    @Test
    void aDeactivatedNoticeOnTheMainUrl() {
        webhooks.variants().deactivationOnWebhookUrl(true);
        new WebhookApi(webhooks).call("PATCH", "TicketWebhooks", "{\"id\": %d, \"isActive\": false}".formatted(webhookId));
        JsonNode notice = nextCallout(1);
        assertThat(notice.get("Action").asString()).isEqualTo("Deactivated");
        assertThat(receiver.receivedAt("/deact")).isEmpty();
    }

    @Test
    void theRegisteredWebhooksAreListedWithTheirSecret() {
        JsonNode listed = webhooks.registered();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("webhookUrl").asString()).isEqualTo(receiver.url("/hook"));
        assertThat(listed.get(0).get("secretKey").asString()).isNotBlank();
        assertThat(listed.get(0).get("isActive").asBoolean()).isTrue();
    }
}
