package horizon.simulator.autotask.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DotNetJsonTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void escapesTheSevenHtmlSensitiveCharactersWithUpperCaseHex() {
        assertThat(DotNetJson.escape("a&b<c>d'e\"f`g+h"))
                .isEqualTo("a\\u0026b\\u003Cc\\u003Ed\\u0027e\\u0022f\\u0060g\\u002Bh");
    }

    @Test
    void escapesEveryNonAsciiCharacterAndEmojiAsSurrogatePair() {
        assertThat(DotNetJson.escape("Café")).isEqualTo("Caf\\u00E9");
        assertThat(DotNetJson.escape("Straße €")).isEqualTo("Stra\\u00DFe \\u20AC");
        assertThat(DotNetJson.escape("ok 😀")).isEqualTo("ok \\uD83D\\uDE00");
    }

    @Test
    void escapesControlCharactersAndBackslashButNotSlash() {
        assertThat(DotNetJson.escape("a\nb\rc\td\\e/f\u0001g\u007Fh\b\f"))
                .isEqualTo("a\\nb\\rc\\td\\\\e/f\\u0001g\\u007Fh\\b\\f");
    }

    @Test
    void leavesPlainAsciiAlone() {
        assertThat(DotNetJson.escape("T20250915.0001 Printer down (floor 2) = 100% @ team; ok? #1 [x] {y} ~z | ^ $ * ! , : ="))
                .isEqualTo("T20250915.0001 Printer down (floor 2) = 100% @ team; ok? #1 [x] {y} ~z | ^ $ * ! , : =");
    }

    @Test
    void writesCompactlyInInsertionOrderWithEscapedKeysAndValues() {
        ObjectNode node = json.createObjectNode();
        node.put("Action", "Update");
        node.put("Id", 351183L);
        node.putObject("Fields").put("Title", "<é>").put("Flag", true);
        node.putNull("Nothing");
        node.putArray("List").add(1).add("+");

        String written = new String(DotNetJson.write(node), StandardCharsets.US_ASCII);

        assertThat(written).isEqualTo(
                "{\"Action\":\"Update\",\"Id\":351183,\"Fields\":{\"Title\":\"\\u003C\\u00E9\\u003E\",\"Flag\":true},"
                        + "\"Nothing\":null,\"List\":[1,\"\\u002B\"]}");
    }
}
