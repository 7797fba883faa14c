package horizon.widget;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the widgets show and take them, in the agent's time zone (the browser's; UTC when it names none). */
final class WidgetTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private WidgetTimes() {
    }

    static ZoneId zone(String name) {
        try {
            return name == null || name.isBlank() ? ZoneOffset.UTC : ZoneId.of(name.strip());
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /** A {@code datetime-local} value ({@code 2026-11-20T09:30}) in the zone; null when it is not one. */
    static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeException notADateTime) {
            return null;
        }
    }

    /** "Today · Tue 12 May", "Tomorrow · Wed 13 May", "Thu 14 May". */
    static String dayLabel(LocalDate day, LocalDate today) {
        String date = DAY.format(day);
        if (day.equals(today)) {
            return "Today · " + date;
        }
        if (day.equals(today.plusDays(1))) {
            return "Tomorrow · " + date;
        }
        return date;
    }

    static String date(LocalDate day) {
        return DAY.format(day);
    }

    /** "09:30–10:00" when it starts and ends that day; with the day at either end where it runs over. */
    static String span(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        boolean midnightEnd = to.toLocalTime().equals(LocalTime.MIDNIGHT)
                && from.toLocalDate().plusDays(1).equals(to.toLocalDate());
        if (from.toLocalDate().equals(to.toLocalDate()) || midnightEnd) {
            return CLOCK.format(from) + "–" + (midnightEnd ? "24:00" : CLOCK.format(to));
        }
        return DAY.format(from) + " " + CLOCK.format(from) + " – " + DAY.format(to) + " " + CLOCK.format(to);
    }
}
