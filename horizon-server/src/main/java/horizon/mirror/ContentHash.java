package horizon.mirror;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a mirrored record: SHA-256 (lower-case hex) of a canonical text of its typed columns
 * and its raw JSON. Two fetches of an unchanged PSA record give the same hash, so a re-fetch is counted
 * as unchanged and not written.
 *
 * <p>Canonical text: one line per column, in table order, {@code name=value\n}; the raw JSON last as
 * {@code raw_json}. Values: {@code -} for null, {@code s<length>:<text>} for strings (the length keeps
 * embedded newlines unambiguous), {@code n<digits>} for integers, {@code bt}/{@code bf} for booleans,
 * {@code t<ISO-8601 UTC>} for instants, {@code d<yyyy-mm-dd>} for dates, {@code x<plain>} for decimals
 * without trailing zeros. The raw JSON is hashed as the PSA sent it, not re-serialized.
 */
final class ContentHash {

    private static final HexFormat HEX = HexFormat.of();

    private ContentHash() {
    }

    static String of(List<Column> columns, Object[] values, String rawJson) {
        return sha256(canonicalForm(columns, values, rawJson));
    }

    static String canonicalForm(List<Column> columns, Object[] values, String rawJson) {
        if (columns.size() != values.length) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        StringBuilder text = new StringBuilder(256 + (rawJson == null ? 0 : rawJson.length()));
        for (int i = 0; i < values.length; i++) {
            append(text, columns.get(i).name(), values[i]);
        }
        append(text, "raw_json", rawJson);
        return text.toString();
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void append(StringBuilder text, String name, Object value) {
        text.append(name).append('=');
        if (value == null) {
            text.append('-');
        } else if (value instanceof String s) {
            text.append('s').append(s.length()).append(':').append(s);
        } else if (value instanceof Long || value instanceof Integer) {
            text.append('n').append(value);
        } else if (value instanceof Boolean b) {
            text.append(b ? "bt" : "bf");
        } else if (value instanceof Instant instant) {
            text.append('t').append(instant);
        } else if (value instanceof LocalDate date) {
            text.append('d').append(date);
        } else if (value instanceof BigDecimal decimal) {
            text.append('x').append(decimal.stripTrailingZeros().toPlainString());
        } else {
            throw new IllegalArgumentException("no canonical form for " + value.getClass().getName() + " in " + name);
        }
        text.append('\n');
    }
}
