package horizon.simulator.autotask.webhook;

import horizon.simulator.core.HookReceiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.core.SimClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Autotask's delivery rules on the accelerated clock: scale 0.01 turns the 30 s retry into 300 ms. */
class WebhookDeliveryTest {
    private static final double SCALE = 0.01;
    private static final Duration RETRY = Duration.ofMillis(300);
    private static final long STATUS = 23;

    private Webhooks webhooks;
    private WebhookApi api;
    private HookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new HookReceiver();
        useScale(SCALE);
    }

    @AfterEach
    void stop() {
        webhooks.close();
        receiver.close();
    }

    @Test
    void retriesThirtyScaledSecondsAfterAFailureWithTheSameSignedBytes() {
        receiver.answering(n -> n <= 2 ? 500 : 200);
        readyWebhook();

        webhooks.onChange(statusChange(351181));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 1);
        List<HookReceiver.Received> attempts = receiver.receivedAt("/hook");
        assertThat(attempts).hasSize(3);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(RETRY);
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(RETRY);
        assertThat(attempts).extracting(HookReceiver.Received::text).containsOnly(attempts.get(0).text());
        assertThat(attempts).extracting(HookReceiver.Received::signature).containsOnly(attempts.get(0).signature());
        assertThat(webhooks.counters()).containsEntry("failedAttempts", 2L).containsEntry("dropped", 0L);
    }

    @Test
    void dropsAnEventAfterFiveAttemptsIntoWebhookEventErrorLogsAndMovesOn() {
        receiver.answering(n -> n <= 5 ? 503 : 200);
        long id = readyWebhook();

        webhooks.onChange(statusChange(351181));
        webhooks.onChange(statusChange(351182));

        await().atMost(Duration.ofSeconds(15)).until(() -> webhooks.counters().get("delivered") == 1);
        List<Long> sequence = receiver.receivedAt("/hook").stream()
                .map(request -> WebhookApi.JSON.readTree(request.body()).get("SequenceNumber").longValue()).toList();
        assertThat(sequence).containsExactly(1L, 1L, 1L, 1L, 1L, 2L);
        JsonNode logs = api.call("POST", "WebhookEventErrorLogs/query", """
                {"filter": [{"op": "eq", "field": "ticketWebhookID", "value": %d}]}""".formatted(id)).body().get("items");
        assertThat(logs).hasSize(1);
        JsonNode log = logs.get(0);
        assertThat(log.get("sequenceNumber").longValue()).isEqualTo(1);
        assertThat(log.get("payload").stringValue()).isEqualTo(receiver.receivedAt("/hook").get(0).text());
        assertThat(log.get("errorMessage").stringValue()).contains("(503)");
        assertThat(log.get("createDateTime").stringValue()).endsWith("Z");
        assertThat(log.get("accountWebhookID").isNull()).isTrue();
        assertThat(api.get("WebhookEventErrorLogs/" + log.get("id").longValue()).body().get("item")).isEqualTo(log);
        assertThat(webhooks.counters()).containsEntry("dropped", 1L).containsEntry("failedAttempts", 5L);
        assertThat(webhooks.dump().get("WebhookEventErrorLogs")).hasSize(1);

        assertThat(api.call("DELETE", "WebhookEventErrorLogs/" + log.get("id").longValue(), null).status())
                .isEqualTo(200);
        assertThat(api.call("POST", "WebhookEventErrorLogs/query/count", "{\"filter\":[]}").body()
                .get("queryCount").intValue()).isZero();
    }

    @Test
    void aFailingHeadHoldsBackTheEventsBehindIt() {
        receiver.answering(n -> n <= 2 ? 500 : 200);
        readyWebhook();

        for (long id = 1; id <= 3; id++) {
            webhooks.onChange(statusChange(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 3);
        List<Long> ids = receiver.receivedAt("/hook").stream()
                .map(request -> WebhookApi.JSON.readTree(request.body()).get("Id").longValue()).toList();
        assertThat(ids).containsExactly(1L, 1L, 1L, 2L, 3L);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeCountsAsAFailure() {
        // the scaled 10 s timeout is raised to the 1 s floor; the first answer comes after 2 s
        receiver.holding(n -> n == 1 ? 2000 : 0);
        readyWebhook();

        webhooks.onChange(statusChange(351181));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 1);
        assertThat(webhooks.counters()).containsEntry("failedAttempts", 1L);
        assertThat(receiver.receivedAt("/hook")).hasSize(2);
    }

    @Test
    void deactivatesAfterTwentyFiveConsecutiveFailuresAndCallsTheDeactivationUrl() throws Exception {
        webhooks.close();
        useScale(0.002);
        receiver.answering(n -> 500);
        long id = readyWebhook();
        String guid = api.get("TicketWebhooks/" + id).body().get("item").get("webhookGUID").stringValue();

        for (long ticket = 1; ticket <= 6; ticket++) {
            webhooks.onChange(statusChange(ticket));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/deact").size() == 1);
        assertThat(receiver.receivedAt("/hook")).hasSize(25);
        assertThat(api.get("TicketWebhooks/" + id).body().get("item").get("isActive").booleanValue()).isFalse();
        HookReceiver.Received notice = receiver.receivedAt("/deact").get(0);
        JsonNode body = WebhookApi.JSON.readTree(notice.body());
        assertThat(body.get("Action").stringValue()).isEqualTo("Deactivated");
        assertThat(body.get("Guid").stringValue()).isEqualTo(guid);
        assertThat(body.get("Id").longValue()).isEqualTo(id);
        assertThat(notice.signature()).isEqualTo(WebhookFiringTest.hmac("test-webhook-secret", notice.body()));
        assertThat(api.call("POST", "WebhookEventErrorLogs/query/count", "{\"filter\":[]}").body()
                .get("queryCount").intValue()).isEqualTo(5);
        assertThat(webhooks.counters()).containsEntry("deactivated", 1L).containsEntry("dropped", 5L)
                .containsEntry("failedAttempts", 25L).containsEntry("pending", 1L);

        webhooks.onChange(statusChange(7));
        Thread.sleep(200);
        assertThat(receiver.receivedAt("/hook")).hasSize(25);
    }

    @Test
    void reactivatingResumesTheQueueWithAFreshFailureCount() {
        webhooks.close();
        useScale(0.002);
        receiver.answering(n -> n <= 25 ? 500 : 200);
        long id = readyWebhook();
        for (long ticket = 1; ticket <= 6; ticket++) {
            webhooks.onChange(statusChange(ticket));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.counters().get("deactivated") == 1);

        api.call("PATCH", "TicketWebhooks", "{\"id\": %d, \"isActive\": true}".formatted(id));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 1);
        JsonNode last = WebhookApi.JSON.readTree(receiver.receivedAt("/hook").get(25).body());
        assertThat(last.get("Id").longValue()).isEqualTo(6);
        assertThat(webhooks.counters()).containsEntry("pending", 0L);
    }

    @Test
    void switchingOffOrDeletingAWebhookCallsItsDeactivationUrl() {
        long switchedOff = readyWebhook();
        long deleted = api.createWebhook("TicketWebhooks", receiver.url("/hook2"), receiver.url("/deact"), false, true,
                false);

        api.call("PATCH", "TicketWebhooks", "{\"id\": %d, \"isActive\": false}".formatted(switchedOff));
        api.call("DELETE", "TicketWebhooks/" + deleted, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt("/deact").size() == 2);
        assertThat(receiver.receivedAt("/deact")).extracting(r -> WebhookApi.JSON.readTree(r.body()).get("Id")
                .longValue()).containsExactlyInAnyOrder(switchedOff, deleted);
    }

    private void useScale(double scale) {
        webhooks = new Webhooks(new SimClock(Clock.systemUTC(), scale), 11L);
        api = new WebhookApi(webhooks);
    }

    private long readyWebhook() {
        long id = api.createWebhook("TicketWebhooks", receiver.url("/hook"), receiver.url("/deact"), true, true,
                false);
        api.addField("TicketWebhooks", id, STATUS, true, true);
        return id;
    }

    static RecordChange statusChange(long ticketId) {
        ObjectNode record = WebhookApi.JSON.createObjectNode().put("id", ticketId).put("status", 5);
        return new RecordChange("Ticket", "Update", ticketId, Set.of("status"), record, 30691780L, Instant.now());
    }
}
