package horizon.simulator.autotask.webhook;

import horizon.simulator.core.HookReceiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import horizon.simulator.core.SimClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookFaultsTest {
    private Webhooks webhooks;
    private HookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new HookReceiver();
        webhooks = new Webhooks(new SimClock(Clock.systemUTC(), 0.01), 3L);
        ready(webhooks, "/hook");
    }

    @AfterEach
    void stop() {
        webhooks.close();
        receiver.close();
    }

    @Test
    void droppedEventsAreNeverSentAndLeaveAGapInTheSequence() {
        webhooks.faults().dropRate(1);
        for (long id = 1; id <= 5; id++) {
            webhooks.onChange(WebhookDeliveryTest.statusChange(id));
        }
        webhooks.faults().dropRate(0);
        webhooks.onChange(WebhookDeliveryTest.statusChange(6));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 1);
        // containsOnly, not containsExactly: on a loaded machine a slow answer can time out and be retried
        assertThat(sequenceNumbers()).containsOnly(6L);
        assertThat(webhooks.counters()).containsEntry("faultDropped", 5L);
    }

    @Test
    void duplicatedEventsArriveTwiceWithTheSameBytes() {
        webhooks.faults().duplicateRate(1);
        for (long id = 1; id <= 3; id++) {
            webhooks.onChange(WebhookDeliveryTest.statusChange(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 6);
        assertThat(sequenceNumbers()).containsExactly(1L, 1L, 2L, 2L, 3L, 3L);
        List<HookReceiver.Received> received = receiver.receivedAt("/hook");
        assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
        assertThat(webhooks.counters()).containsEntry("duplicated", 3L);
    }

    @Test
    void reorderedEventsAreHeldBackBehindTheNextOneWithoutABacklog() {
        webhooks.faults().reorderRate(1);
        for (long id = 1; id <= 3; id++) {
            webhooks.onChange(WebhookDeliveryTest.statusChange(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 3);
        // 1 waits for 2 and follows it; 3 has no successor and goes alone once the hold expires
        assertThat(sequenceNumbers()).containsExactly(2L, 1L, 3L);
        assertThat(webhooks.counters()).containsEntry("reordered", 2L);
    }

    @Test
    void lateDuplicatesArriveAgainAfterTheirDelay() {
        webhooks.faults().lateDuplicate(1, Duration.ofMillis(300));
        webhooks.onChange(WebhookDeliveryTest.statusChange(1));
        webhooks.faults().lateDuplicate(0, Duration.ofMillis(300));
        webhooks.onChange(WebhookDeliveryTest.statusChange(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 3);
        assertThat(sequenceNumbers()).containsExactly(1L, 2L, 1L);
        assertThat(webhooks.counters()).containsEntry("lateDuplicated", 1L);
    }

    @Test
    void redeliveryFollowsASuccessfulDelivery() {
        webhooks.faults().redeliverRate(1);
        webhooks.onChange(WebhookDeliveryTest.statusChange(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 2);
        List<HookReceiver.Received> received = receiver.receivedAt("/hook");
        assertThat(received).hasSize(2);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(webhooks.counters()).containsEntry("redelivered", 1L);
    }

    @Test
    void theNextFailuresNeverReachTheReceiverAndAreRetried() {
        webhooks.faults().failNext(2);
        webhooks.onChange(WebhookDeliveryTest.statusChange(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 1);
        assertThat(receiver.receivedAt("/hook")).hasSize(1);
        assertThat(webhooks.counters()).containsEntry("faultFailed", 2L).containsEntry("failedAttempts", 2L);
    }

    @Test
    void delayedEventsWaitBeforeTheirFirstAttempt() {
        webhooks.faults().delay(Duration.ofMillis(500));
        Instant fired = Instant.now();

        webhooks.onChange(WebhookDeliveryTest.statusChange(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.counters().get("delivered") == 1);
        assertThat(Duration.between(fired, receiver.receivedAt("/hook").get(0).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void ratesAreProbabilitiesDrawnFromTheSeed() throws Exception {
        List<Long> first = deliveredWithHalfDropped(webhooks, "/hook");
        try (Webhooks sameSeed = new Webhooks(new SimClock(Clock.systemUTC(), 0.01), 3L)) {
            ready(sameSeed, "/again");
            List<Long> second = deliveredWithHalfDropped(sameSeed, "/again");

            assertThat(first).hasSizeBetween(25, 75).isEqualTo(second);
            assertThat(webhooks.counters().get("faultDropped") + first.size()).isEqualTo(100);
        }
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> webhooks.faults().dropRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> webhooks.faults().reorderRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> webhooks.faults().delay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Long> deliveredWithHalfDropped(Webhooks target, String path) {
        target.faults().dropRate(0.5);
        for (long id = 1; id <= 100; id++) {
            target.onChange(WebhookDeliveryTest.statusChange(id));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> target.counters().get("pending") == 0
                && target.counters().get("delivered") + target.counters().get("faultDropped") == 100);
        return receiver.receivedAt(path).stream()
                .map(request -> WebhookApi.JSON.readTree(request.body()).get("SequenceNumber").longValue()).toList();
    }

    private void ready(Webhooks target, String path) {
        WebhookApi api = new WebhookApi(target);
        long id = api.createWebhook("TicketWebhooks", receiver.url(path), receiver.url("/deact"), true, true, false);
        api.addField("TicketWebhooks", id, 23, true, false);
    }

    private List<Long> sequenceNumbers() {
        return receiver.receivedAt("/hook").stream()
                .map(request -> WebhookApi.JSON.readTree(request.body()).get("SequenceNumber").longValue()).toList();
    }
}
