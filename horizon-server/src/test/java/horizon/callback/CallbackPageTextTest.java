package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the callback pages make of stored calls and buckets, without a browser. */
class CallbackPageTextTest {

    @Test
    void aJsonPayloadIsIndentedAndAnythingElseIsShownAsReceived() {
        assertThat(CallbackLogController.pretty("{\"Id\":7,\"Fields\":{\"Status\":5}}"))
                .isEqualTo("{\n  \"Id\" : 7,\n  \"Fields\" : {\n    \"Status\" : 5\n  }\n}");
        assertThat(CallbackLogController.isJson("{\"Id\":7}")).isTrue();
        assertThat(CallbackLogController.pretty("{\"Action\":")).isEqualTo("{\"Action\":");
        assertThat(CallbackLogController.isJson("{\"Action\":")).isFalse();
        assertThat(CallbackLogController.pretty("x".repeat(10))).isEqualTo("xxxxxxxxxx");
        assertThat(CallbackLogController.pretty(null)).isEmpty();
    }

    @Test
    void signatureHeadersAreShortenedToEightCharactersAndOthersKept() {
        var headers = CallbackLogController.headers("""
                {"content-type":"application/json","x-hook-signature":"c2lnbmF0dXJlLXZhbHVl",
                 "X-Content-Signature":"0123456789abcdef","x-short-signature":"abc"}""");
        assertThat(headers).containsEntry("x-hook-signature", "c2lnbmF0…")
                .containsEntry("X-Content-Signature", "01234567…")
                .containsEntry("content-type", "application/json")
                .containsEntry("x-short-signature", "abc");
        assertThat(CallbackLogController.headers("not json")).containsEntry("(as stored)", "not json");
    }

    @Test
    void theChartScalesToItsLargestBucketAndLeavesGapsInTheLagLine() {
        Instant since = Instant.parse("2026-12-02T09:05:00Z");
        List<CallbackBucket> buckets = new ArrayList<>();
        for (int i = 0; i < 144; i++) {
            Instant start = since.plus(Duration.ofMinutes(10L * i));
            buckets.add(i == 10 ? new CallbackBucket(start, 37, 2, 1, Duration.ofMillis(180), Duration.ofSeconds(1))
                    : i == 12 ? new CallbackBucket(start, 3, 0, 0, Duration.ofMillis(90), Duration.ofMillis(90))
                    : new CallbackBucket(start, 0, 0, 0, null, null));
        }
        CallbackChart chart = CallbackChart.of(buckets);

        assertThat(chart.bars()).hasSize(144);
        assertThat(chart.callTicks()).extracting(CallbackChart.Tick::label).containsExactly("0", "10", "20", "30",
                "40");
        assertThat(chart.lagTicks()).extracting(CallbackChart.Tick::label).endsWith("200 ms");
        // Two separate points: two moves, no line across the empty bucket between them.
        assertThat(chart.lagPath()).startsWith("M").contains(" M").doesNotContain("L");
        assertThat(chart.lagPoints()).hasSize(2);
        CallbackChart.Bar busy = chart.bars().get(10);
        assertThat(busy.acceptedHeight() + busy.rejectedHeight() + busy.failedHeight())
                .isCloseTo((CallbackChart.BOTTOM - CallbackChart.TOP) * 37 / 40.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(busy.title()).isEqualTo("10:45–10:55 UTC: 37 received, 2 rejected, 1 failed; median lag 180 ms");
        assertThat(chart.timeTicks()).extracting(CallbackChart.Tick::label).contains("12:00", "00:00", "09:00")
                .doesNotContain("10:00");
        assertThat(chart.empty()).isFalse();
        assertThat(CallbackChart.of(buckets.stream().map(b -> new CallbackBucket(b.start(), 0, 0, 0, null, null))
                .toList()).empty()).isTrue();
    }
}
