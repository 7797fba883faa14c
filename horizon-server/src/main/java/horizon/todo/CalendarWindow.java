package horizon.todo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The days a calendar page shows in the agent's time zone: one day, or the Monday-to-Sunday week around a date.
 * Days are the zone's calendar days, so one may last 23 or 25 hours where the clocks change.
 *
 * @param first the first day shown
 */
record CalendarWindow(Span span, LocalDate first, ZoneId zone) {

    /** How much the page shows at once. */
    enum Span {
        DAY(1), WEEK(7);

        private final int days;

        Span(int days) {
            this.days = days;
        }

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Span> of(String param) {
            return Stream.of(values()).filter(span -> span.param().equals(param)).findFirst();
        }
    }

    /** The window of this span that holds {@code date}. */
    static CalendarWindow around(Span span, LocalDate date, ZoneId zone) {
        LocalDate first = span == Span.WEEK ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : date;
        return new CalendarWindow(span, first, zone);
    }

    List<LocalDate> days() {
        return first.datesUntil(first.plusDays(span.days)).toList();
    }

    LocalDate last() {
        return first.plusDays(span.days - 1L);
    }

    /** The first instant shown: midnight (or the zone's first moment) of the first day. */
    Instant from() {
        return start(first);
    }

    /** The first instant after the window. */
    Instant to() {
        return start(first.plusDays(span.days));
    }

    /** The first day of the window before this one. */
    LocalDate previous() {
        return first.minusDays(span.days);
    }

    /** The first day of the window after this one. */
    LocalDate next() {
        return first.plusDays(span.days);
    }

    /** The window's days that a span from {@code start} to {@code end} (exclusive) reaches into. */
    List<LocalDate> daysOf(Instant start, Instant end) {
        return days().stream()
                .filter(day -> start.isBefore(start(day.plusDays(1))) && end.isAfter(start(day)))
                .toList();
    }

    private Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
