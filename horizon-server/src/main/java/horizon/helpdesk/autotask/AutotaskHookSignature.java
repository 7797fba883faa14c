package horizon.helpdesk.autotask;

import horizon.helpdesk.SignatureVerdict;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Autotask's webhook signature, {@code X-Hook-Signature: sha1=} + Base64(HMAC-SHA1(UTF-8 secret, body)).
 *
 * <p>It is checked over the raw bytes first. Autotask serializes payloads with .NET's System.Text.Json, whose default
 * encoder writes {@code & < > ' " ` +}, control characters and every non-ASCII character as {@code \}{@code uXXXX}; a
 * body that arrives with those characters written plainly (a proxy or gateway that re-serialized it) is checked again
 * in that escaped form, and a match there is reported as {@link SignatureVerdict#VALID_ESCAPED}.
 */
final class AutotaskHookSignature {

    static final String HEADER = "X-Hook-Signature";

    private static final String PREFIX = "sha1=";
    private static final String ALGORITHM = "HmacSHA1";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AutotaskHookSignature() {
    }

    /**
     * How {@code header} (the {@code X-Hook-Signature} value, null when absent) proves {@code body} was signed with
     * {@code secret}: {@link SignatureVerdict#VALID}, {@link SignatureVerdict#VALID_ESCAPED},
     * {@link SignatureVerdict#INVALID} or {@link SignatureVerdict#MISSING}.
     */
    static SignatureVerdict verify(byte[] body, String header, String secret) {
        if (header == null || header.isBlank()) {
            return SignatureVerdict.MISSING;
        }
        if (secret == null || secret.isEmpty()) {
            return SignatureVerdict.INVALID;
        }
        byte[] claimed = decode(header.strip());
        if (claimed == null) {
            return SignatureVerdict.INVALID;
        }
        if (MessageDigest.isEqual(claimed, hmac(secret, body))) {
            return SignatureVerdict.VALID;
        }
        byte[] escaped = dotNetEscaped(body);
        if (escaped != null && !Arrays.equals(escaped, body) && MessageDigest.isEqual(claimed, hmac(secret, escaped))) {
            return SignatureVerdict.VALID_ESCAPED;
        }
        return SignatureVerdict.INVALID;
    }

    /**
     * The body as System.Text.Json writes it compactly: whitespace between tokens dropped, and inside every string
     * each character, however it arrived (plain or escaped), written the way .NET's default encoder writes it.
     * Numbers, literals and key order stay as they are. Null when the text is not well-formed enough to re-escape.
     */
    static byte[] dotNetEscaped(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length() + 32);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!inString) {
                if (c == '"') {
                    inString = true;
                    out.append(c);
                } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    out.append(c);
                }
                continue;
            }
            if (c == '"') {
                inString = false;
                out.append(c);
                continue;
            }
            if (c != '\\') {
                appendEscaped(out, c);
                continue;
            }
            if (i + 1 >= text.length()) {
                return null;
            }
            char escape = text.charAt(++i);
            char decoded;
            switch (escape) {
                case '"', '\\', '/' -> decoded = escape;
                case 'b' -> decoded = '\b';
                case 'f' -> decoded = '\f';
                case 'n' -> decoded = '\n';
                case 'r' -> decoded = '\r';
                case 't' -> decoded = '\t';
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        return null;
                    }
                    try {
                        decoded = (char) Integer.parseInt(text.substring(i + 1, i + 5), 16);
                    } catch (NumberFormatException notHex) {
                        return null;
                    }
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
            appendEscaped(out, decoded);
        }
        return inString ? null : out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One string character as System.Text.Json's default encoder writes it. */
    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '&', '<', '>', '\'', '"', '`', '+' -> unicode(out, c);
            default -> {
                if (c < 0x20 || c >= 0x7F) {
                    unicode(out, c);
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }

    /** The HMAC bytes a header names, or null when it is not {@code sha1=} and Base64. */
    private static byte[] decode(String header) {
        if (!header.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
