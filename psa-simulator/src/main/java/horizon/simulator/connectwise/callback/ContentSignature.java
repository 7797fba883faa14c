package horizon.simulator.connectwise.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** ConnectWise's {@code x-content-signature}: Base64(HMAC-SHA256(key = SHA-256(UTF-8 signing key), raw body)). */
public final class ContentSignature {
    public static final String HEADER = "x-content-signature";

    private ContentSignature() {
    }

    public static String sign(String signingKey, byte[] body) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(signingKey.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
