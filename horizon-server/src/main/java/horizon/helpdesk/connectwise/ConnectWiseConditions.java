package horizon.helpdesk.connectwise;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ConnectWise {@code conditions} expression built from parts joined by {@code and}: strings in double quotes, dates
 * in square brackets as UTC to the second ({@code [2026-11-24T08:00:00Z]}), numbers bare.
 */
final class ConnectWiseConditions {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<String> parts = new ArrayList<>();

    static ConnectWiseConditions where() {
        return new ConnectWiseConditions();
    }

    /** {@code field = "value"}, for Horizon's own constants (ConnectWise documents no escape for a quote). */
    ConnectWiseConditions equalsText(String field, String value) {
        if (value.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a condition value cannot contain a double quote: " + value);
        }
        parts.add(field + " = \"" + value + "\"");
        return this;
    }

    /** {@code field = 42}. */
    ConnectWiseConditions equalsNumber(String field, long value) {
        parts.add(field + " = " + value);
        return this;
    }

    /** {@code field = true} or {@code field = false}. */
    ConnectWiseConditions is(String field, boolean value) {
        parts.add(field + " = " + value);
        return this;
    }

    ConnectWiseConditions in(String field, List<Long> values) {
        parts.add(field + " in (" + values.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
        return this;
    }

    ConnectWiseConditions idAbove(long above) {
        parts.add("id > " + above);
        return this;
    }

    ConnectWiseConditions idAtMost(Long atMost) {
        if (atMost != null) {
            parts.add("id <= " + atMost);
        }
        return this;
    }

    /**
     * {@code field >= [since]}, the instant cut down to the second: ConnectWise stores seconds, so a record of the
     * same second is read again rather than missed.
     */
    ConnectWiseConditions atOrAfter(String field, Instant since) {
        if (since != null) {
            parts.add(field + " >= [" + DATE.format(since.truncatedTo(ChronoUnit.SECONDS)) + "]");
        }
        return this;
    }

    /** {@code field < [before]}, the instant rounded up to the second so no record before it is left out. */
    ConnectWiseConditions before(String field, Instant before) {
        if (before != null) {
            Instant whole = before.truncatedTo(ChronoUnit.SECONDS);
            parts.add(field + " < [" + DATE.format(whole.equals(before) ? whole : whole.plusSeconds(1)) + "]");
        }
        return this;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The expression, e.g. {@code recordType = "ServiceTicket" and lastUpdated >= [2026-11-24T08:00:00Z]}. */
    String text() {
        return String.join(" and ", parts);
    }

    @Override
    public String toString() {
        return text();
    }

    /** A query parameter's value as ConnectWise wants it: every reserved character percent-encoded, space as %20. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
