package horizon.simulator.autotask.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @Test
    void writesWholeSecondsWithoutAFraction() {
        assertThat(EventTimes.format(Instant.parse("2025-09-15T15:10:00Z"))).isEqualTo("2025-09-15T15:10:00Z");
    }

    @Test
    void writesUpToSevenFractionDigitsWithoutTrailingZeros() {
        assertThat(EventTimes.format(Instant.parse("2025-09-15T15:10:00.120Z"))).isEqualTo("2025-09-15T15:10:00.12Z");
        assertThat(EventTimes.format(Instant.parse("2025-09-15T15:10:00.123456789Z")))
                .isEqualTo("2025-09-15T15:10:00.1234567Z");
    }
}
