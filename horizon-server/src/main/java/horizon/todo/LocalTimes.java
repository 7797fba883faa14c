package horizon.todo;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times as the pages show and take them: in the agent's time zone, which the browser tells (UTC when it does not).
 * Pages and their forms carry the zone's name along, so every answer is drawn in the same zone as the page.
 */
final class LocalTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_SHORT = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    /** What {@code <input type="datetime-local">} sends and shows. */
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm", Locale.ROOT);

    private LocalTimes() {
    }

    /** The zone with this name; UTC for a blank or unknown one. */
    static ZoneId zone(String name) {
        try {
            return name == null || name.isBlank() ? ZoneOffset.UTC : ZoneId.of(name.strip());
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /** A date and time typed into a form ({@code 2026-11-20T09:30}) in the zone; null when it is not one. */
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

    /** The value a datetime-local field shows for this instant. */
    static String input(Instant at, ZoneId zone) {
        return INPUT.format(at.atZone(zone));
    }

    /** "Fri 20 Nov 2026, 09:30–10:30", or both ends in full when they fall on different days. */
    static String span(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        if (sameDay(from, to)) {
            return DAY.format(from) + ", " + CLOCK.format(from) + "–" + endClock(from, to);
        }
        return DAY.format(from) + ", " + CLOCK.format(from) + " – " + DAY.format(to) + ", " + CLOCK.format(to);
    }

    /** For a calendar cell, where the day is known: "09:30–10:30", or with days when it runs over more than one. */
    static String clock(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        if (sameDay(from, to)) {
            return CLOCK.format(from) + "–" + endClock(from, to);
        }
        return DAY_SHORT.format(from) + " " + CLOCK.format(from) + " – " + DAY_SHORT.format(to) + " "
                + CLOCK.format(to);
    }

    /** "Fri 20 Nov 2026, 09:30". */
    static String minute(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return DAY.format(local) + ", " + CLOCK.format(local);
    }

    /** The next full hour after {@code now} in the zone: where a new todo starts unless the agent says otherwise. */
    static Instant nextHour(Instant now, ZoneId zone) {
        return now.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
    }

    /**
     * An end at midnight after a start that day belongs to that day ("09:00–24:00" rather than running into the
     * next), so a todo until midnight reads as one day.
     */
    private static boolean sameDay(ZonedDateTime from, ZonedDateTime to) {
        return from.toLocalDate().equals(to.toLocalDate()) || endsAtMidnightAfter(from, to);
    }

    private static String endClock(ZonedDateTime from, ZonedDateTime to) {
        return endsAtMidnightAfter(from, to) ? "24:00" : CLOCK.format(to);
    }

    private static boolean endsAtMidnightAfter(ZonedDateTime from, ZonedDateTime to) {
        return to.toLocalTime().equals(LocalTime.MIDNIGHT) && from.toLocalDate().plusDays(1).equals(to.toLocalDate());
    }
}
