package horizon.simulator.connectwise.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A value written in a condition, compared with a record's field the way SQL Server compares a column with a
 * literal: text ignoring case, numbers by value (bit columns as 0 and 1), datetimes by instant.
 */
sealed interface Operand {
    /** What {@link #compare} answers when SQL would not compare the two at all; no comparison holds then. */
    int INCOMPARABLE = Integer.MIN_VALUE;

    /** The sign of {@code field} minus this value, or {@link #INCOMPARABLE}; {@code field} is never null. */
    int compare(JsonNode field);

    default boolean matches(JsonNode field) {
        return compare(field) == 0;
    }

    /** A quoted string; {@code number} is its numeric value when it has one, for numeric columns. */
    record Text(String value, Numeric number) implements Operand {
        static Text of(String value) {
            BigDecimal number = decimal(value);
            return new Text(value, number == null ? null : new Numeric(number));
        }

        @Override
        public int compare(JsonNode field) {
            if (field.isString()) {
                return Integer.signum(String.CASE_INSENSITIVE_ORDER.compare(field.stringValue(), value));
            }
            if (Bool.isBoolean(value)) {
                // SQL Server converts 'true' and 'false' to bit
                return new Bool(Boolean.parseBoolean(value)).compare(field);
            }
            return number == null ? INCOMPARABLE : number.compare(field);
        }

        @Override
        public boolean matches(JsonNode field) {
            return field.isString() ? field.stringValue().equalsIgnoreCase(value) : compare(field) == 0;
        }
    }

    /** A bare number; {@code whole} says it is an integer that fits a long, compared without BigDecimal. */
    record Numeric(BigDecimal value, boolean whole, long longValue) implements Operand {
        Numeric(BigDecimal value) {
            this(value, isWhole(value), isWhole(value) ? value.longValueExact() : 0);
        }

        private static boolean isWhole(BigDecimal value) {
            return value.signum() == 0
                    || value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(LONG_MAX) <= 0;
        }

        private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

        @Override
        public int compare(JsonNode field) {
            if (field.isNumber()) {
                if (whole && field.isIntegralNumber() && field.canConvertToLong()) {
                    return Long.compare(field.longValue(), longValue);
                }
                return field.decimalValue().compareTo(value);
            }
            if (field.isBoolean()) {
                return (field.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO).compareTo(value);
            }
            BigDecimal number = field.isString() ? decimal(field.stringValue()) : null;
            return number == null ? INCOMPARABLE : number.compareTo(value);
        }
    }

    /** A bare {@code true} or {@code false}. */
    record Bool(boolean value) implements Operand {
        static boolean isBoolean(String text) {
            return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
        }

        @Override
        public int compare(JsonNode field) {
            if (field.isBoolean()) {
                return Boolean.compare(field.booleanValue(), value);
            }
            if (field.isNumber()) {
                return field.decimalValue().compareTo(value ? BigDecimal.ONE : BigDecimal.ZERO);
            }
            if (field.isString() && isBoolean(field.stringValue())) {
                return Boolean.compare(Boolean.parseBoolean(field.stringValue()), value);
            }
            return INCOMPARABLE;
        }
    }

    /**
     * A datetime in brackets. {@code seconds} is the instant truncated to seconds in the form ConnectWise serves
     * ({@code 2026-06-09T21:59:49Z}), so a field in that form compares as text without being parsed per record.
     */
    record DateTime(Instant instant, String seconds) implements Operand {
        private static final DateTimeFormatter SERVED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
                .withZone(ZoneOffset.UTC);

        static DateTime of(Instant instant) {
            int year = instant.atOffset(ZoneOffset.UTC).getYear();
            return new DateTime(instant, year >= 0 && year <= 9999 ? SERVED.format(instant) : null);
        }

        @Override
        public int compare(JsonNode field) {
            if (!field.isString()) {
                return INCOMPARABLE;
            }
            String text = field.stringValue();
            if (seconds != null && isServedForm(text)) {
                int c = Integer.signum(text.compareTo(seconds));
                return c == 0 && instant.getNano() > 0 ? -1 : c;
            }
            Instant other = parseInstant(text);
            return other == null ? INCOMPARABLE : Integer.signum(other.compareTo(instant));
        }

        static boolean isServedForm(String s) {
            return s.length() == 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                    && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(19) == 'Z';
        }

        /** An ISO-8601 datetime with or without offset and fraction (zone-less is UTC), or a date; null otherwise. */
        static Instant parseInstant(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // try the zone-less forms below
            }
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try a plain date
            }
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** A bare {@code null}; only {@code = null} and {@code != null} can hold, so nothing compares with it. */
    record Null() implements Operand {
        @Override
        public int compare(JsonNode field) {
            return INCOMPARABLE;
        }
    }

    /**
     * The parenthesized list of {@code in}. Whole numbers and strings are also kept in hash sets, so
     * {@code id in (…1,000 ids…)} costs one lookup per record; {@code forNumbers} and {@code forTexts} are the
     * values the sets cannot answer for a number or a string field. A null in the list matches nothing, and makes
     * {@code not in} match nothing, as in SQL.
     */
    record ListOf(boolean hasNull, Set<Long> wholes, Set<String> texts, List<Operand> forNumbers,
                  List<Operand> forTexts, List<Operand> others) implements Operand {
        static ListOf of(List<Operand> values) {
            Set<Long> wholes = new HashSet<>();
            Set<String> texts = new HashSet<>();
            List<Operand> forNumbers = new ArrayList<>();
            List<Operand> forTexts = new ArrayList<>();
            List<Operand> others = new ArrayList<>();
            boolean hasNull = false;
            for (Operand v : values) {
                if (v instanceof Null) {
                    hasNull = true;
                    continue;
                }
                others.add(v);
                if (v instanceof Numeric n && n.whole()) {
                    wholes.add(n.longValue());
                } else {
                    forNumbers.add(v);
                }
                if (v instanceof Text t) {
                    texts.add(t.value().toLowerCase(Locale.ROOT));
                } else {
                    forTexts.add(v);
                }
            }
            return new ListOf(hasNull, wholes, texts, forNumbers, forTexts, others);
        }

        @Override
        public int compare(JsonNode field) {
            return matches(field) ? 0 : INCOMPARABLE;
        }

        @Override
        public boolean matches(JsonNode field) {
            List<Operand> rest = others;
            if (field.isIntegralNumber() && field.canConvertToLong()) {
                if (wholes.contains(field.longValue())) {
                    return true;
                }
                rest = forNumbers;
            } else if (field.isString()) {
                if (texts.contains(field.stringValue().toLowerCase(Locale.ROOT))) {
                    return true;
                }
                rest = forTexts;
            }
            for (Operand v : rest) {
                if (v.matches(field)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The value of a numeric string, or null; checks the characters first so non-numbers cost no exception. */
    static BigDecimal decimal(String text) {
        int n = text.length();
        if (n == 0 || n > 40) {
            return null;
        }
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c == '.' || (i == 0 && (c == '-' || c == '+')))) {
                return null;
            }
        }
        if (!digit) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
