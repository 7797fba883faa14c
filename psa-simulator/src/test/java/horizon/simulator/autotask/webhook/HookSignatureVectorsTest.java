package horizon.simulator.autotask.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shared vectors (a copy of shared/testdata/autotask-webhook-vectors.json) against the escaper and the signer. */
class HookSignatureVectorsTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void signsThePlainCreateExactlyLikeTheVector() throws IOException {
        JsonNode vector = vector("plain create, signature over the wire bytes");

        assertThat(HookSignature.sign(secret(), wire(vector))).isEqualTo(vector.get("header").stringValue());
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotMatch() throws IOException {
        JsonNode vector = vector("plain create signed with another secret");

        assertThat(HookSignature.sign(secret(), wire(vector))).isNotEqualTo(vector.get("header").stringValue());
    }

    @Test
    void producesTheDotNetEscapedWireAndHeaderFromThePayloadValues() throws IOException {
        JsonNode vector = vector(".NET-escaped body on the wire, signature over the wire bytes");
        ObjectNode payload = json.createObjectNode();
        payload.put("Action", "Update");
        payload.put("Guid", "a1da62a4-2c49-40a8-8183-69994ce5b3eb");
        payload.put("EntityType", "Ticket");
        payload.put("Id", 351183L);
        payload.putObject("Fields").put("Title", "Café printer <down> & \"urgent\" + 'VIP'");
        payload.put("EventTime", "2025-09-15T16:00:00Z");
        payload.put("SequenceNumber", 3L);
        payload.put("PersonId", 30691780L);

        byte[] body = DotNetJson.write(payload);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(vector.get("wire").stringValue());
        assertThat(HookSignature.sign(secret(), body)).isEqualTo(vector.get("header").stringValue());
    }

    @Test
    void reEscapingTheRawUtf8WireReproducesTheSignedForm() throws IOException {
        JsonNode vector = vector("raw UTF-8 body on the wire, signature over its .NET-escaped form");

        byte[] reEscaped = DotNetJson.write(json.readTree(wire(vector)));

        assertThat(HookSignature.sign(secret(), reEscaped)).isEqualTo(vector.get("header").stringValue());
        assertThat(HookSignature.sign(secret(), wire(vector))).isNotEqualTo(vector.get("header").stringValue());
    }

    @Test
    void signsRawUtf8WireBytesAsTheyAre() throws IOException {
        JsonNode vector = vector("raw UTF-8 body on the wire, signature over the wire bytes");

        assertThat(HookSignature.sign(secret(), wire(vector))).isEqualTo(vector.get("header").stringValue());
    }

    @Test
    void everyAcceptedVectorVerifiesOverTheWireOrItsEscapedForm() throws IOException {
        List<String> accepted = new ArrayList<>();
        for (JsonNode vector : vectors().get("cases")) {
            byte[] wire = wire(vector);
            String header = vector.get("header").stringValue();
            boolean verifies = HookSignature.sign(secret(), wire).equals(header)
                    || HookSignature.sign(secret(), DotNetJson.write(json.readTree(wire))).equals(header);
            if (verifies) {
                accepted.add(vector.get("name").stringValue());
            }
            assertThat(verifies).as(vector.get("name").stringValue()).isEqualTo(vector.get("accept").booleanValue());
        }
        assertThat(accepted).hasSize(4);
    }

    private JsonNode vectors() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("autotask-webhook-vectors.json")) {
            return json.readTree(in);
        }
    }

    private String secret() throws IOException {
        return vectors().get("secret").stringValue();
    }

    private JsonNode vector(String name) throws IOException {
        for (JsonNode vector : vectors().get("cases")) {
            if (vector.get("name").stringValue().equals(name)) {
                return vector;
            }
        }
        throw new AssertionError("no vector named " + name);
    }

    private static byte[] wire(JsonNode vector) {
        return vector.get("wire").stringValue().getBytes(StandardCharsets.UTF_8);
    }
}
