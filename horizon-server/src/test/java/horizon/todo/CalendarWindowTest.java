package horizon.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The calendar's windows in fixed vectors: days and weeks in a zone, across clock changes and the year's end. */
class CalendarWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDayInUtcRunsFromMidnightToMidnight() {
        CalendarWindow day = CalendarWindow.around(CalendarWindow.Span.DAY, date("2026-11-20"), ZoneOffset.UTC);
        assertThat(day.days()).containsExactly(date("2026-11-20"));
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(day.previous()).isEqualTo(date("2026-11-19"));
        assertThat(day.next()).isEqualTo(date("2026-11-21"));
        assertThat(day.last()).isEqualTo(date("2026-11-20"));
    }

    @Test
    void aWeekRunsMondayToSundayInTheZone() {
        for (String date : new String[] {"2026-11-16", "2026-11-20", "2026-11-22"}) {
            CalendarWindow week = CalendarWindow.around(CalendarWindow.Span.WEEK, date(date), BERLIN);
            assertThat(week.first()).as(date).isEqualTo(date("2026-11-16"));
            assertThat(week.days()).as(date).hasSize(7).startsWith(date("2026-11-16")).endsWith(date("2026-11-22"));
            assertThat(week.from()).as(date).isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
            assertThat(week.to()).as(date).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
            assertThat(week.previous()).isEqualTo(date("2026-11-09"));
            assertThat(week.next()).isEqualTo(date("2026-11-23"));
        }
    }

    @Test
    void daysWhereTheClocksChangeLast23Or25Hours() {
        CalendarWindow spring = CalendarWindow.around(CalendarWindow.Span.DAY, date("2026-03-29"), BERLIN);
        assertThat(spring.from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(spring.to()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        CalendarWindow autumn = CalendarWindow.around(CalendarWindow.Span.DAY, date("2026-10-25"), BERLIN);
        assertThat(autumn.from()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(autumn.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        // New York leaves daylight saving time on Sunday 1 November 2026, the last day of its week.
        CalendarWindow week = CalendarWindow.around(CalendarWindow.Span.WEEK, date("2026-11-01"), NEW_YORK);
        assertThat(week.first()).isEqualTo(date("2026-10-26"));
        assertThat(week.from()).isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
        assertThat(week.to()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
    }

    @Test
    void aWeekMayRunIntoTheNextYear() {
        CalendarWindow week = CalendarWindow.around(CalendarWindow.Span.WEEK, date("2026-12-31"), ZoneOffset.UTC);
        assertThat(week.days()).startsWith(date("2026-12-28")).endsWith(date("2027-01-03"));
        assertThat(week.to()).isEqualTo(Instant.parse("2027-01-04T00:00:00Z"));
    }

    @Test
    void aTodoShowsOnEveryDayOfTheWindowItReachesInto() {
        CalendarWindow week = CalendarWindow.around(CalendarWindow.Span.WEEK, date("2026-11-20"), BERLIN);
        // Tuesday 23:30 to Wednesday 01:30 in Berlin.
        assertThat(week.daysOf(Instant.parse("2026-11-17T22:30:00Z"), Instant.parse("2026-11-18T00:30:00Z")))
                .containsExactly(date("2026-11-17"), date("2026-11-18"));
        // Ending at Berlin midnight, it does not reach into Thursday.
        assertThat(week.daysOf(Instant.parse("2026-11-18T20:00:00Z"), Instant.parse("2026-11-18T23:00:00Z")))
                .containsExactly(date("2026-11-18"));
        // Begun the week before, it shows on the Monday it ends on.
        assertThat(week.daysOf(Instant.parse("2026-11-10T08:00:00Z"), Instant.parse("2026-11-16T08:00:00Z")))
                .containsExactly(date("2026-11-16"));
        assertThat(week.daysOf(Instant.parse("2026-11-10T08:00:00Z"), Instant.parse("2026-11-25T08:00:00Z")))
                .hasSize(7);
        assertThat(week.daysOf(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-23T08:00:00Z")))
                .isEmpty();
    }

    @Test
    void spansAreNamedDayAndWeek() {
        assertThat(CalendarWindow.Span.of("week")).contains(CalendarWindow.Span.WEEK);
        assertThat(CalendarWindow.Span.of("day")).contains(CalendarWindow.Span.DAY);
        assertThat(CalendarWindow.Span.of("month")).isEmpty();
        assertThat(CalendarWindow.Span.WEEK.param()).isEqualTo("week");
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
