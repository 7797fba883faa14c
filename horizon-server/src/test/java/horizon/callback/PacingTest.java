package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTest {

    private static final CallbackProperties DEFAULTS = new CallbackProperties(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    private final Pacing pacing = new Pacing(DEFAULTS);

    @Test
    void aSteadyHundredCallsASecondIsNeverABurstEvenWhenSomeLandTogether() {
        for (int pass = 0; pass < 50; pass++) {
            assertThat(pacing.claimed(pass % 10 == 5 ? 30 : 15, Duration.ofMillis(150))).as("pass %d", pass)
                    .isFalse();
        }
    }

    @Test
    void twoHundredCallsASecondBecomeABurstWithinAFewPasses() {
        boolean burst = false;
        for (int pass = 0; pass < 6; pass++) {
            burst = pacing.claimed(30, Duration.ofMillis(150));
        }
        assertThat(burst).isTrue();
    }

    @Test
    void aBurstEndsAtTheFirstPassThatGatheredAtASteadyRate() {
        for (int pass = 0; pass < 6; pass++) {
            pacing.claimed(60, Duration.ofMillis(200));
        }
        assertThat(pacing.claimed(1_000, Duration.ofSeconds(2))).isTrue();
        assertThat(pacing.claimed(400, Duration.ofSeconds(4))).isFalse();
    }

    @Test
    void theFirstClaimAndClaimsAfterAnIdleSpellAreNoBurst() {
        assertThat(pacing.claimed(2_000, null)).isFalse();
        for (int idle = 0; idle < 5; idle++) {
            pacing.claimed(0, Duration.ofSeconds(1));
        }
        assertThat(pacing.claimed(20, Duration.ofMillis(100))).isFalse();
    }

    @Test
    void burstPassesGatherOneSecondDoublingUpToFive() {
        assertThat(pacing.gather(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(pacing.gather(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacing.gather(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(pacing.gather(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(pacing.gather(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(pacing.gather(40)).isEqualTo(Duration.ofSeconds(5));
    }
}
