package horizon.workspace;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the workspace writes times: to the minute, in UTC, as the admin pages do. */
final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }

    /** "2026-11-20 09:00–10:30 UTC" for a span within one day, both ends in full otherwise. */
    static String span(Instant start, Instant end) {
        if (start == null || end == null) {
            return minute(start != null ? start : end);
        }
        String from = MINUTE.format(start);
        boolean sameDay = start.atZone(ZoneOffset.UTC).toLocalDate().equals(end.atZone(ZoneOffset.UTC).toLocalDate());
        return sameDay ? from.replace(" UTC", "") + "–" + CLOCK.format(end) + " UTC"
                : from + " – " + MINUTE.format(end);
    }
}
