package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code x-content-signature} against vectors computed apart from Horizon's code, with openssl and Python:
 * {@code openssl dgst -sha256 -mac HMAC -macopt hexkey:$(sha256 of the key) -binary | base64}.
 */
class ConnectWiseContentSignatureTest {

    private static final String KEY = "s3cr3t-Signing-Key";
    private static final byte[] BODY = "{\"Action\":\"updated\",\"ID\":57961,\"Type\":\"contact\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "XdF0HKp9ktYZgl8fiOrQiQneNrodOGiYaUflwbzbtbo=";

    @Test
    void signsAsConnectWiseDoes() {
        assertThat(ConnectWiseContentSignature.sign(KEY, BODY)).isEqualTo(SIGNATURE);
        assertThat(ConnectWiseContentSignature.sign("k", new byte[0]))
                .isEqualTo("QdHBOXW1chBfS7oLRGpRknP1YhoHRkmapoAgLY87WHk=");
    }

    @Test
    void theKeyIsHashedAsUtf8AndTheBodyIsTakenAsBytes() {
        byte[] body = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(ConnectWiseContentSignature.verify(body, "alM0r9JxIsY13SFTcETpkBno5ZcWvEvQUyzFg80RNqM=",
                "été-key✓")).isTrue();
    }

    @Test
    void verifiesTheRightSignatureWithSurroundingSpace() {
        assertThat(ConnectWiseContentSignature.verify(BODY, SIGNATURE, KEY)).isTrue();
        assertThat(ConnectWiseContentSignature.verify(BODY, " " + SIGNATURE + "\n", KEY)).isTrue();
    }

    @Test
    void rejectsAnotherKeyAChangedBodyAndGarbage() {
        assertThat(ConnectWiseContentSignature.verify(BODY, SIGNATURE, KEY + "x")).isFalse();
        byte[] changed = BODY.clone();
        changed[changed.length - 3] = 'X';
        assertThat(ConnectWiseContentSignature.verify(changed, SIGNATURE, KEY)).isFalse();
        assertThat(ConnectWiseContentSignature.verify(BODY, "not base64 !", KEY)).isFalse();
        assertThat(ConnectWiseContentSignature.verify(BODY, "", KEY)).isFalse();
        assertThat(ConnectWiseContentSignature.verify(BODY, null, KEY)).isFalse();
        assertThat(ConnectWiseContentSignature.verify(BODY, SIGNATURE.substring(0, 20), KEY)).isFalse();
    }
}
