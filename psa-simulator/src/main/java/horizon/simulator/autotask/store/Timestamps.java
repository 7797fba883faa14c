package horizon.simulator.autotask.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Autotask's UTC date-time text: written with milliseconds and Z, read with or without Z and with 0 to 7 fraction digits. */
public final class Timestamps {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > 253_402_300_799L) {
            return WRITE.format(instant);
        }
        // hand-rolled: pages of 500 records carry thousands of timestamps, and DateTimeFormatter dominated the profile
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int millis = instant.getNano() / 1_000_000;
        char[] c = new char[24];
        int y = t.getYear();
        c[0] = digit(y / 1000);
        c[1] = digit(y / 100 % 10);
        c[2] = digit(y / 10 % 10);
        c[3] = digit(y % 10);
        c[4] = '-';
        two(c, 5, t.getMonthValue());
        c[7] = '-';
        two(c, 8, t.getDayOfMonth());
        c[10] = 'T';
        two(c, 11, t.getHour());
        c[13] = ':';
        two(c, 14, t.getMinute());
        c[16] = ':';
        two(c, 17, t.getSecond());
        c[19] = '.';
        c[20] = digit(millis / 100);
        c[21] = digit(millis / 10 % 10);
        c[22] = digit(millis % 10);
        c[23] = 'Z';
        return new String(c);
    }

    private static char digit(int d) {
        return (char) ('0' + d);
    }

    private static void two(char[] c, int at, int value) {
        c[at] = digit(value / 10);
        c[at + 1] = digit(value % 10);
    }

    /** Truncates to the millisecond the wire carries, so a stored value equals what a client reads back. */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Parses {@code 2026-11-24T07:58:12.1234567Z}, {@code 2026-11-24T07:58:12}, {@code 2026-11-24} or an offset form;
     * values without a zone are UTC.
     *
     * @throws IllegalArgumentException when the text is no date-time
     */
    public static Instant parse(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDateTime.parse(value + "T00:00:00").toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return LocalDateTime.parse(value.substring(0, value.length() - 1)).toInstant(ZoneOffset.UTC);
            }
            int t = value.indexOf('T');
            if (t > 0 && (value.indexOf('+', t) > 0 || value.indexOf('-', t) > 0)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid datetime");
        }
    }
}
