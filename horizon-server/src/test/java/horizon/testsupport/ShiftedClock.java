package horizon.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system clock moved forward on demand, as a suite's one clock: a code, token or link can be seen expiring over
 * real HTTP without waiting for it. {@code @Import(ShiftedClock.InPlace.class)} puts it in place of Horizon's.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void shift(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Horizon reads instants only");
    }

    /** Puts the shifted clock in place of Horizon's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class InPlace {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }
}
