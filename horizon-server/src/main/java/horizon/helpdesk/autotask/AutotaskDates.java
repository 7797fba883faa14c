package horizon.helpdesk.autotask;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Autotask's date-time text. Every REST date-time is UTC, but the wire shows it both with and without {@code Z} and
 * with 0 to 7 fraction digits ({@code 2018-01-23T11:00:00.00Z}, {@code 2024-01-31T15:04:05.307}), so reading accepts
 * all of them and takes a value without a zone as UTC; writing always sends UTC with {@code Z}.
 */
final class AutotaskDates {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AutotaskDates() {
    }

    /** The text Horizon sends in a filter, e.g. {@code 2026-11-24T08:00:00.000Z}; Autotask keeps milliseconds. */
    static String format(Instant instant) {
        return WRITE.format(instant);
    }

    /**
     * Reads an Autotask date-time; {@code null} or blank gives {@code null}.
     *
     * @throws IllegalArgumentException when the text is not a date-time in any form Autotask sends
     */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL).toInstant(ZoneOffset.UTC);
            }
            int time = value.indexOf('T');
            if (time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            throw new IllegalArgumentException("Autotask sent '" + text + "', which is not a date-time", notADate);
        }
    }
}
