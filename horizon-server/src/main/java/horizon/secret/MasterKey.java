package horizon.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The 256-bit key SecretBox seals with, and the short id that names it in every envelope. */
public final class MasterKey {

    static final int LENGTH = 32;

    private final byte[] bytes;
    private final String id;

    private MasterKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("A master key has 32 bytes, this one has " + bytes.length);
        }
        this.bytes = bytes.clone();
        this.id = idOf(this.bytes);
    }

    public static MasterKey of(byte[] bytes) {
        return new MasterKey(bytes);
    }

    /** Reads the base64 text of HORIZON_MASTER_KEY or the key file; the message never contains the text itself. */
    public static MasterKey fromBase64(String text, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyProblem(source + " is not valid base64 (expected 32 random bytes, base64-encoded)");
        }
        if (decoded.length != LENGTH) {
            throw new MasterKeyProblem(source + " decodes to " + decoded.length
                    + " bytes; a master key is 32 bytes (generate one with: openssl rand -base64 32)");
        }
        return new MasterKey(decoded);
    }

    /** The key's id: the first 8 hex digits of its SHA-256, so a key names itself and no id has to be configured. */
    public String id() {
        return id;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    boolean sameBytes(MasterKey other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String base64() {
        return new String(Base64.getEncoder().encode(bytes), StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }
}
