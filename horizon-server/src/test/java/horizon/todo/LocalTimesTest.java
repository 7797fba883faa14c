package horizon.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How todo times are read from forms and written on pages, in the agent's zone, in fixed vectors. */
class LocalTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void readsWhatADatetimeLocalFieldSendsInTheZone() {
        assertThat(LocalTimes.parse("2026-11-20T09:30", BERLIN)).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
        assertThat(LocalTimes.parse("2026-07-20T09:30", BERLIN)).isEqualTo(Instant.parse("2026-07-20T07:30:00Z"));
        assertThat(LocalTimes.parse(" 2026-11-20T09:30 ", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
        assertThat(LocalTimes.parse("tomorrow", BERLIN)).isNull();
        assertThat(LocalTimes.parse("", BERLIN)).isNull();
        assertThat(LocalTimes.input(Instant.parse("2026-11-20T08:30:00Z"), BERLIN)).isEqualTo("2026-11-20T09:30");
    }

    @Test
    void anUnknownOrMissingZoneIsUtc() {
        assertThat(LocalTimes.zone("Europe/Berlin")).isEqualTo(BERLIN);
        assertThat(LocalTimes.zone("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(LocalTimes.zone("")).isEqualTo(ZoneOffset.UTC);
        assertThat(LocalTimes.zone(null)).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void writesSpansWithTheDayOnceWhenTheyStayWithinIt() {
        Instant nine = Instant.parse("2026-11-20T08:00:00Z");
        assertThat(LocalTimes.span(nine, nine.plusSeconds(5400), BERLIN)).isEqualTo("Fri 20 Nov 2026, 09:00–10:30");
        assertThat(LocalTimes.clock(nine, nine.plusSeconds(5400), BERLIN)).isEqualTo("09:00–10:30");
        // Until midnight is still that day.
        Instant midnight = Instant.parse("2026-11-20T23:00:00Z");
        assertThat(LocalTimes.span(nine, midnight, BERLIN)).isEqualTo("Fri 20 Nov 2026, 09:00–24:00");
        assertThat(LocalTimes.clock(nine, midnight, BERLIN)).isEqualTo("09:00–24:00");
        Instant nextMorning = Instant.parse("2026-11-21T07:00:00Z");
        assertThat(LocalTimes.span(nine, nextMorning, BERLIN))
                .isEqualTo("Fri 20 Nov 2026, 09:00 – Sat 21 Nov 2026, 08:00");
        assertThat(LocalTimes.clock(nine, nextMorning, BERLIN)).isEqualTo("Fri 20 Nov 09:00 – Sat 21 Nov 08:00");
        assertThat(LocalTimes.minute(nine, ZoneOffset.UTC)).isEqualTo("Fri 20 Nov 2026, 08:00");
    }

    @Test
    void aNewTodoStartsAtTheNextFullHourOfTheZone() {
        assertThat(LocalTimes.nextHour(Instant.parse("2026-11-20T08:10:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        // India is half an hour off the hour of UTC.
        assertThat(LocalTimes.nextHour(Instant.parse("2026-11-20T08:10:00Z"), ZoneId.of("Asia/Kolkata")))
                .isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
        assertThat(LocalTimes.nextHour(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    }
}
