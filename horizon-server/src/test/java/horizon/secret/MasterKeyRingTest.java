package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring SecretBox holds: old keys open, the first seals. Vectors computed independently with Python's AESGCM. */
class MasterKeyRingTest {

    /** Bytes 0x01..0x20, base64 AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=, the key before the rotation. */
    private static final MasterKey OLD = key("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    /** Bytes 0x21..0x40, base64 ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=, the key after it. */
    private static final MasterKey NEW = key("2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40");
    /** Bytes 0x41..0x60, a key the ring never holds. */
    private static final MasterKey OTHER = key("4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60");

    private static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final String PLAINTEXT = "autotask-secret-Öß";
    private static final String AAD = "account:42:autotask-secret";
    private static final String SEALED_WITH_OLD =
            "v1:ae216c2e:oKGio6Slpqeoqaqr2KRJCYnUKW9SfccIg+BUqZRBc4b9bK3xgAnLOq/QOG7rKgZ5";
    private static final String SEALED_WITH_NEW =
            "v1:7eee5800:oKGio6Slpqeoqaqr9GPWI/PJkuH83kiW0ZsHy5VhPE79cr9YaAQvtwrIReIuZ1Id";

    private final MasterKeyRing ring = MasterKeyRing.of(NEW, List.of(OLD));

    @Test
    void keysAreNamedByTheStartOfTheirSha256() {
        assertThat(OLD.id()).isEqualTo("ae216c2e");
        assertThat(NEW.id()).isEqualTo("7eee5800");
        assertThat(OTHER.id()).isEqualTo("ce55a9a1");
        assertThat(ring.ids()).containsExactly("7eee5800", "ae216c2e");
        assertThat(ring.sealing()).isSameAs(NEW);
    }

    @Test
    void anEnvelopeSealedWithAnOlderKeyOpens() {
        assertThat(new SecretBox(ring).open(SEALED_WITH_OLD, AAD)).isEqualTo(PLAINTEXT);
        assertThat(new SecretBox(ring).open(SEALED_WITH_NEW, AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void newEnvelopesAreSealedWithTheFirstKey() {
        SecretBox box = new SecretBox(ring, IV::clone);
        assertThat(box.keyId()).isEqualTo("7eee5800");
        assertThat(box.seal(PLAINTEXT, AAD)).isEqualTo(SEALED_WITH_NEW);
        assertThat(new SecretBox(ring).seal(PLAINTEXT)).startsWith("v1:7eee5800:");
    }

    @Test
    void onlyTheFirstKeysEnvelopesCountAsCurrent() {
        SecretBox box = new SecretBox(ring);
        assertThat(box.sealedWithCurrentKey(SEALED_WITH_NEW)).isTrue();
        assertThat(box.sealedWithCurrentKey(SEALED_WITH_OLD)).isFalse();
        assertThat(box.sealedWithCurrentKey("v1:7eee5800")).isFalse();
        assertThat(box.sealedWithCurrentKey("plain text")).isFalse();
        assertThat(box.sealedWithCurrentKey(null)).isFalse();
    }

    @Test
    void anUnknownKeyIdFailsNamingTheIdsThisNodeHolds() {
        String sealedWithOther = new SecretBox(OTHER).seal(PLAINTEXT, AAD);
        assertThatThrownBy(() -> new SecretBox(ring).open(sealedWithOther, AAD))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("ce55a9a1")
                .hasMessageContaining("7eee5800, ae216c2e")
                .hasMessageNotContaining("ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=")
                .hasMessageNotContaining("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    }

    @Test
    void withoutTheOldKeyTheOldEnvelopeDoesNotOpen() {
        assertThatThrownBy(() -> new SecretBox(NEW).open(SEALED_WITH_OLD, AAD))
                .isInstanceOf(SecretBoxException.class).hasMessageContaining("ae216c2e");
    }

    @Test
    void aKeyGivenTwiceIsHeldOnce() {
        MasterKeyRing twice = MasterKeyRing.of(NEW, List.of(OLD, NEW, OLD));
        assertThat(twice.ids()).containsExactly("7eee5800", "ae216c2e");
    }

    private static MasterKey key(String hex) {
        return MasterKey.of(HexFormat.of().parseHex(hex));
    }
}
