package horizon.simulator.autotask.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Compact JSON written the way .NET's System.Text.Json writes it with its default encoder, which is how Autotask
 * serializes webhook payloads: receivers verify the signature over these exact bytes, so one differing escape breaks
 * them. Object keys keep their insertion order.
 */
final class DotNetJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DotNetJson() {
    }

    /** The UTF-8 bytes of {@code node} without whitespace. */
    static byte[] write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        append(out, node);
        // every character outside printable ASCII is escaped, so the text is pure ASCII
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The body of a JSON string literal (without the quotes) as System.Text.Json's default encoder writes it: the
     * HTML-sensitive {@code & < > ' " ` +}, every control character, DEL and every non-ASCII character become
     * {@code \}{@code uXXXX} with upper-case hex (a character outside the BMP as its two surrogates); backslash and the
     * usual control characters use their short escapes.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        appendEscaped(out, text);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"');
                appendEscaped(out, entry.getKey());
                out.append("\":");
                append(out, entry.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, node.get(i));
            }
            out.append(']');
        } else if (node.isString()) {
            out.append('"');
            appendEscaped(out, node.stringValue());
            out.append('"');
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isNumber()) {
            out.append(node.numberValue().toString());
        } else {
            throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
        }
    }

    private static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '&', '<', '>', '\'', '"', '`', '+' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
