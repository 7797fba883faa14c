package horizon.simulator.autotask.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Autotask's webhook signature: {@code X-Hook-Signature: sha1=} Base64 of HMAC-SHA1(UTF-8 secret key, body bytes). */
final class HookSignature {
    static final String HEADER = "X-Hook-Signature";
    private static final String ALGORITHM = "HmacSHA1";

    private HookSignature() {
    }

    /** The header value for {@code body} signed with {@code secretKey}. */
    static String sign(String secretKey, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return "sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
