package horizon.simulator.autotask.webhook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** UTC timestamps as .NET writes a DateTime: seconds, then up to 7 fraction digits without trailing zeros, then Z. */
final class EventTimes {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private EventTimes() {
    }

    static String format(Instant instant) {
        StringBuilder text = new StringBuilder(SECONDS.format(instant));
        int ticks = instant.getNano() / 100;
        if (ticks > 0) {
            String fraction = String.format("%07d", ticks).replaceAll("0+$", "");
            text.append('.').append(fraction);
        }
        return text.append('Z').toString();
    }
}
