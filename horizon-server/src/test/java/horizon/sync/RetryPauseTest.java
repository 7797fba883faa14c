package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPauseTest {

    private final SyncProperties defaults = SyncProperties.defaults();

    @Test
    void thePauseDoublesWithEachFailureInARowUpToTheLongest() {
        assertThat(defaults.retryPauseAfter(0)).isEqualTo(Duration.ZERO);
        assertThat(defaults.retryPauseAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retryPauseAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.retryPauseAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.retryPauseAfter(6)).isEqualTo(Duration.ofMinutes(16));
        assertThat(defaults.retryPauseAfter(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.retryPauseAfter(1_000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aLongestPauseShorterThanTheFirstIsRefused() {
        assertThatThrownBy(() -> new SyncProperties(true, Duration.ofSeconds(10), Duration.ofMinutes(2),
                Duration.ofHours(1), 25, Duration.ofMinutes(2), 3, Duration.ofDays(2), Duration.ofDays(90),
                Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-retry-pause");
    }
}
