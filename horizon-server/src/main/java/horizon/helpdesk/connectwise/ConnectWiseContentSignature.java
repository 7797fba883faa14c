package horizon.helpdesk.connectwise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ConnectWise's callback signature, {@code x-content-signature}: Base64(HMAC-SHA256(key = SHA-256(UTF-8 signing key),
 * raw body)), checked over the bytes exactly as they arrived.
 */
final class ConnectWiseContentSignature {

    static final String HEADER = "x-content-signature";

    private ConnectWiseContentSignature() {
    }

    /** The signature ConnectWise sends for this body under this signing key. */
    static String sign(String signingKey, byte[] body) {
        return Base64.getEncoder().encodeToString(mac(signingKey, body));
    }

    /**
     * Whether the header is the body's signature under the key; compared in constant time, so a forger learns nothing
     * from how long a wrong guess took. A header that is not Base64 does not match.
     */
    static boolean verify(byte[] body, String header, String signingKey) {
        if (header == null || signingKey == null) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(signingKey, body), claimed);
    }

    private static byte[] mac(String signingKey, byte[] body) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(signingKey.getBytes(StandardCharsets.UTF_8));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(body);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HMAC-SHA256 is not available", missing);
        }
    }
}
