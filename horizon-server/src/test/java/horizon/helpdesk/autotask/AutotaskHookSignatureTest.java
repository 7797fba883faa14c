package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.SignatureVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Autotask's webhook signature against the shared fixed vectors ({@code autotask-webhook-vectors.json}), and the
 * System.Text.Json re-escaping fallback for each class of character .NET's default encoder escapes.
 */
class AutotaskHookSignatureTest {

    private static final String SECRET = "test-webhook-secret";

    record Vector(String name, byte[] wire, String header, boolean accept) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Vector> vectors() throws IOException {
        try (InputStream in = AutotaskHookSignatureTest.class.getResourceAsStream("/autotask-webhook-vectors.json")) {
            assertThat(in).as("autotask-webhook-vectors.json on the test classpath").isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(in);
            assertThat(root.path("secret").asString()).isEqualTo(SECRET);
            List<Vector> vectors = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                vectors.add(new Vector(c.path("name").asString(), c.path("wire").asString().getBytes(StandardCharsets.UTF_8),
                        c.path("header").asString(), c.path("accept").asBoolean()));
            }
            assertThat(vectors).hasSize(5);
            return vectors;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorIsJudgedAsTheFileSays(Vector vector) {
        SignatureVerdict verdict = AutotaskHookSignature.verify(vector.wire(), vector.header(), SECRET);

        assertThat(verdict.proven()).isEqualTo(vector.accept());
        if (!vector.accept()) {
            assertThat(verdict).isEqualTo(SignatureVerdict.INVALID);
        }
    }

    @Test
    void theVectorsSayWhichFormMatched() throws IOException {
        List<Vector> vectors = vectors();
        assertThat(verdict(vectors.get(0))).isEqualTo(SignatureVerdict.VALID);
        assertThat(verdict(vectors.get(1))).isEqualTo(SignatureVerdict.INVALID);
        assertThat(verdict(vectors.get(2))).isEqualTo(SignatureVerdict.VALID);
        assertThat(verdict(vectors.get(3))).isEqualTo(SignatureVerdict.VALID_ESCAPED);
        assertThat(verdict(vectors.get(4))).isEqualTo(SignatureVerdict.VALID);
    }

    /** A title as it may arrive (JSON source text) and as System.Text.Json writes it. */
    static Stream<Arguments> escapeClasses() {
        return Stream.of(
                Arguments.of("ampersand", "a & b", "a \\u0026 b"),
                Arguments.of("less-than and greater-than", "<down>", "\\u003Cdown\\u003E"),
                Arguments.of("apostrophe", "it's", "it\\u0027s"),
                Arguments.of("double quote, escaped in the source", "say \\\"hi\\\"", "say \\u0022hi\\u0022"),
                Arguments.of("backtick", "`cmd`", "\\u0060cmd\\u0060"),
                Arguments.of("plus", "1+1", "1\\u002B1"),
                Arguments.of("Latin-1 letter", "Café", "Caf\\u00E9"),
                Arguments.of("three-byte UTF-8", "5 €", "5 \\u20AC"),
                Arguments.of("outside the BMP, as two surrogates", "ok 😀", "ok \\uD83D\\uDE00"),
                Arguments.of("control character", "bell\\u0007", "bell\\u0007"),
                Arguments.of("control character with lower-case hex", "unit\\u001f", "unit\\u001F"),
                Arguments.of("DEL", "del\u007F", "del\\u007F"),
                Arguments.of("short escapes stay short", "a\\nb\\tc\\rd\\be\\ff", "a\\nb\\tc\\rd\\be\\ff"),
                Arguments.of("short escape written long", "line\\u000Anext", "line\\nnext"),
                Arguments.of("backslash", "C:\\\\temp", "C:\\\\temp"),
                Arguments.of("escaped slash is written plain", "a\\/b", "a/b"),
                Arguments.of("lower-case hex of an escaped letter", "Caf\\u00e9", "Caf\\u00E9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeClasses")
    void aBodySignedInItsDotNetFormIsValidEscaped(String escapeClass, String arrived, String dotNet) {
        byte[] wire = body(arrived);
        byte[] signed = body(dotNet);
        String header = sign(SECRET, signed);

        assertThat(new String(AutotaskHookSignature.dotNetEscaped(wire), StandardCharsets.US_ASCII))
                .isEqualTo(new String(signed, StandardCharsets.US_ASCII));
        assertThat(AutotaskHookSignature.verify(signed, header, SECRET)).isEqualTo(SignatureVerdict.VALID);
        if (!new String(wire, StandardCharsets.UTF_8).equals(new String(signed, StandardCharsets.UTF_8))) {
            assertThat(AutotaskHookSignature.verify(wire, header, SECRET)).isEqualTo(SignatureVerdict.VALID_ESCAPED);
        }
        assertThat(AutotaskHookSignature.verify(wire, header, "another-secret")).isEqualTo(SignatureVerdict.INVALID);
    }

    @Test
    void whitespaceBetweenTokensIsDroppedButNotInsideStrings() {
        byte[] wire = "{ \"Action\" : \"Update\",\n  \"Fields\" : { \"Title\" : \"two  spaces\" } }"
                .getBytes(StandardCharsets.UTF_8);
        String compact = "{\"Action\":\"Update\",\"Fields\":{\"Title\":\"two  spaces\"}}";

        assertThat(AutotaskHookSignature.verify(wire, sign(SECRET, compact.getBytes(StandardCharsets.UTF_8)), SECRET))
                .isEqualTo(SignatureVerdict.VALID_ESCAPED);
    }

    @Test
    void noHeaderIsMissingAndAnythingButSha1Base64IsInvalid() {
        byte[] wire = body("x");
        String good = sign(SECRET, wire);

        assertThat(AutotaskHookSignature.verify(wire, null, SECRET)).isEqualTo(SignatureVerdict.MISSING);
        assertThat(AutotaskHookSignature.verify(wire, "  ", SECRET)).isEqualTo(SignatureVerdict.MISSING);
        assertThat(AutotaskHookSignature.verify(wire, good.substring("sha1=".length()), SECRET))
                .isEqualTo(SignatureVerdict.INVALID);
        assertThat(AutotaskHookSignature.verify(wire, "sha256=" + good.substring(5), SECRET))
                .isEqualTo(SignatureVerdict.INVALID);
        assertThat(AutotaskHookSignature.verify(wire, "sha1=not base64!", SECRET)).isEqualTo(SignatureVerdict.INVALID);
        assertThat(AutotaskHookSignature.verify(wire, good, SECRET)).isEqualTo(SignatureVerdict.VALID);
        assertThat(AutotaskHookSignature.verify(wire, " " + good + " ", SECRET)).isEqualTo(SignatureVerdict.VALID);
    }

    @Test
    void aTamperedBodyIsInvalidInBothForms() {
        byte[] signed = body("Caf\\u00E9");
        String header = sign(SECRET, signed);

        assertThat(AutotaskHookSignature.verify(body("Cafe"), header, SECRET)).isEqualTo(SignatureVerdict.INVALID);
        assertThat(AutotaskHookSignature.verify(body("Café!"), header, SECRET)).isEqualTo(SignatureVerdict.INVALID);
    }

    @Test
    void textThatIsNotJsonIsOnlyCheckedRaw() {
        assertThat(AutotaskHookSignature.dotNetEscaped("{\"a\":\"open".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(AutotaskHookSignature.dotNetEscaped("{\"a\":\"\\x\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(AutotaskHookSignature.dotNetEscaped("{\"a\":\"\\u12\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        byte[] wire = "not json at all".getBytes(StandardCharsets.UTF_8);
        assertThat(AutotaskHookSignature.verify(wire, sign(SECRET, wire), SECRET)).isEqualTo(SignatureVerdict.VALID);
    }

    private static SignatureVerdict verdict(Vector vector) {
        return AutotaskHookSignature.verify(vector.wire(), vector.header(), SECRET);
    }

    private static byte[] body(String title) {
        return ("{\"Action\":\"Update\",\"Guid\":\"a1da62a4-2c49-40a8-8183-69994ce5b3eb\",\"EntityType\":\"Ticket\","
                + "\"Id\":351183,\"Fields\":{\"Title\":\"" + title + "\"},\"SequenceNumber\":3}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An HMAC of the test's own, so the verifier is not checked against itself. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return "sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
