package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    /** Bytes 0x01..0x20; the vectors below were computed independently with Python's cryptography AESGCM. */
    private static final MasterKey KEY = MasterKey.of(HexFormat.of().parseHex(
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"));
    private static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final String PLAINTEXT = "autotask-secret-Öß";
    private static final String VECTOR =
            "v1:ae216c2e:oKGio6Slpqeoqaqr2KRJCYnUKW9SfccIg+BUqZRBc4aNcT2rtVkUgjpK8aGesf6O";
    private static final String VECTOR_WITH_AAD =
            "v1:ae216c2e:oKGio6Slpqeoqaqr2KRJCYnUKW9SfccIg+BUqZRBc4b9bK3xgAnLOq/QOG7rKgZ5";

    private final SecretBox fixedIv = new SecretBox(KEY, IV::clone);
    private final SecretBox box = new SecretBox(KEY);

    @Test
    void keyIdIsTheStartOfTheKeysSha256() {
        assertThat(KEY.id()).isEqualTo("ae216c2e");
        assertThat(KEY.toString()).doesNotContain(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")));
    }

    @Test
    void fixedKeyAndIvGiveTheKnownEnvelope() {
        assertThat(fixedIv.seal(PLAINTEXT)).isEqualTo(VECTOR);
        assertThat(fixedIv.seal(PLAINTEXT, "account:42:autotask-secret")).isEqualTo(VECTOR_WITH_AAD);
    }

    @Test
    void knownEnvelopesOpen() {
        assertThat(box.open(VECTOR)).isEqualTo(PLAINTEXT);
        assertThat(box.open(VECTOR_WITH_AAD, "account:42:autotask-secret")).isEqualTo(PLAINTEXT);
    }

    @Test
    void everySealUsesAFreshIv() {
        String first = box.seal(PLAINTEXT);
        String second = box.seal(PLAINTEXT);
        assertThat(first).isNotEqualTo(second).startsWith("v1:ae216c2e:").doesNotContain(PLAINTEXT);
        assertThat(box.open(first)).isEqualTo(box.open(second)).isEqualTo(PLAINTEXT);
    }

    @Test
    void anUnknownKeyIdIsRefusedByName() {
        String relabelled = VECTOR.replace("ae216c2e", "00000000");
        assertThatThrownBy(() -> box.open(relabelled))
                .isInstanceOf(SecretBoxException.class).hasMessageContaining("00000000")
                .hasMessageContaining("it holds ae216c2e");
    }

    @Test
    void anotherKeyCannotOpen() {
        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox otherBox = new SecretBox(MasterKey.of(other));
        assertThatThrownBy(() -> otherBox.open(VECTOR)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void tamperedDataDoesNotOpen() {
        byte[] body = Base64.getDecoder().decode(VECTOR.substring("v1:ae216c2e:".length()));
        for (int position : new int[] {0, 12, body.length - 1}) {
            byte[] altered = body.clone();
            altered[position] ^= 0x01;
            String envelope = "v1:ae216c2e:" + Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> box.open(envelope))
                    .as("bit flipped at byte %d", position)
                    .isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void wrongAssociatedDataDoesNotOpen() {
        assertThatThrownBy(() -> box.open(VECTOR_WITH_AAD, "account:43:autotask-secret"))
                .isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(VECTOR_WITH_AAD)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void malformedEnvelopesAreRefused() {
        assertThatThrownBy(() -> box.open("plain text")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v2:ae216c2e:AAAA")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1:ae216c2e:not base64!")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1:ae216c2e:AAAA")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(null)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void masterKeyTextMustBe32Base64Bytes() {
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=", "HORIZON_MASTER_KEY"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HORIZON_MASTER_KEY").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> MasterKey.fromBase64("%%%", "HORIZON_MASTER_KEY"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
        assertThat(MasterKey.fromBase64(" AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n", "x").id())
                .isEqualTo("ae216c2e");
    }
}
