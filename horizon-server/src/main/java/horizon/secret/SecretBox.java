package horizon.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals every credential and webhook secret Horizon stores: AES-256-GCM with a random 96-bit IV, written as the text
 * envelope {@code v1:<keyId>:<base64(iv || ciphertext || tag)>}.
 *
 * <p>The envelope header ({@code v1:<keyId>}) and the optional associated data are both authenticated, so an envelope
 * copied to another record (when sealed with that record's identity as associated data) or relabelled with another key
 * id does not open.
 *
 * <p>It holds a {@link MasterKeyRing}: new envelopes are sealed with the ring's first key, and an envelope opens with
 * whichever held key its id names, so values sealed before a key rotation keep opening until they are re-sealed.
 */
public final class SecretBox {

    static final String VERSION = "v1";
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final MasterKeyRing ring;
    private final Supplier<byte[]> ivSource;

    public SecretBox(MasterKey key) {
        this(MasterKeyRing.of(key));
    }

    public SecretBox(MasterKeyRing ring) {
        this(ring, randomIvs());
    }

    /** For fixed test vectors only: the IV source must never repeat an IV under one key. */
    SecretBox(MasterKey key, Supplier<byte[]> ivSource) {
        this(MasterKeyRing.of(key), ivSource);
    }

    /** The same, for a ring. */
    SecretBox(MasterKeyRing ring, Supplier<byte[]> ivSource) {
        this.ring = ring;
        this.ivSource = ivSource;
    }

    /** The id of the key new envelopes are sealed with. */
    public String keyId() {
        return ring.sealing().id();
    }

    /** True when the envelope names the key new envelopes are sealed with; false for an older key or a non-envelope. */
    public boolean sealedWithCurrentKey(String envelope) {
        return envelope != null && envelope.startsWith(VERSION + ":" + keyId() + ":");
    }

    public String seal(String plaintext) {
        return seal(plaintext, "");
    }

    /** Seals with associated data (e.g. "account:42:autotask-secret") that must be given again to open. */
    public String seal(String plaintext, String associatedData) {
        if (plaintext == null) {
            throw new IllegalArgumentException("Nothing to seal");
        }
        byte[] iv = ivSource.get();
        if (iv.length != IV_LENGTH) {
            throw new IllegalStateException("An IV has 12 bytes");
        }
        MasterKey key = ring.sealing();
        String header = VERSION + ":" + key.id();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, header, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] body = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, body, 0, iv.length);
            System.arraycopy(sealed, 0, body, iv.length, sealed.length);
            return header + ":" + Base64.getEncoder().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String open(String envelope) {
        return open(envelope, "");
    }

    public String open(String envelope, String associatedData) {
        if (envelope == null) {
            throw new SecretBoxException("No envelope to open");
        }
        String[] parts = envelope.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SecretBoxException("Not a SecretBox envelope (expected v1:<keyId>:<data>)");
        }
        MasterKey key = ring.key(parts[1]).orElseThrow(() -> new SecretBoxException("Sealed with master key "
                + parts[1] + ", which this node does not hold (it holds " + String.join(", ", ring.ids()) + ")"));
        byte[] body;
        try {
            body = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("Envelope data is not base64");
        }
        if (body.length < IV_LENGTH + TAG_BITS / 8) {
            throw new SecretBoxException("Envelope data is too short");
        }
        byte[] iv = Arrays.copyOfRange(body, 0, IV_LENGTH);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv, parts[0] + ":" + parts[1], associatedData);
            byte[] plain = cipher.doFinal(body, IV_LENGTH, body.length - IV_LENGTH);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("Envelope does not authenticate: altered, or sealed for other associated data");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("Envelope could not be opened", e);
        }
    }

    private static Cipher cipher(int mode, MasterKey key, byte[] iv, String header, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(header.getBytes(StandardCharsets.UTF_8));
        // A separator byte keeps header and associated data from running into each other.
        cipher.updateAAD(new byte[] {0});
        cipher.updateAAD((associatedData == null ? "" : associatedData).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static Supplier<byte[]> randomIvs() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] iv = new byte[IV_LENGTH];
            random.nextBytes(iv);
            return iv;
        };
    }
}
